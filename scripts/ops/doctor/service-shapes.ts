import {
  apiEnv,
  type loadConfig,
  dbEnv,
  doctorEnv,
  frontendEnv,
  mcpEnv,
  redisEnv,
  rendererEnv,
  runtimeEnv,
  workerEnv,
} from '@fractafrag/core';

/** The concern shapes of packages/core/src/config.ts, by their exported names. */
const CONCERNS = {
  runtimeEnv,
  dbEnv,
  redisEnv,
  apiEnv,
  rendererEnv,
  workerEnv,
  mcpEnv,
  frontendEnv,
  doctorEnv,
};
export type ConcernName = keyof typeof CONCERNS;

/**
 * What each service passes to loadConfig in its main.ts: whole concerns spread in, plus single
 * variables borrowed from another concern. Written as names so a unit test can hold this list
 * against the services' main.ts files.
 */
export interface ServiceEnvRecipe {
  spreads: readonly ConcernName[];
  picks: Readonly<Record<string, ConcernName>>;
}

export const SERVICE_ENV_RECIPES = {
  api: {
    spreads: ['runtimeEnv', 'dbEnv', 'redisEnv', 'apiEnv'],
    picks: { RENDERER_URL: 'workerEnv' },
  },
  worker: {
    spreads: ['runtimeEnv', 'dbEnv', 'redisEnv', 'workerEnv'],
    picks: { RENDER_TIMEOUT_MS: 'rendererEnv' },
  },
  renderer: { spreads: ['runtimeEnv', 'rendererEnv'], picks: {} },
  mcp: { spreads: ['runtimeEnv', 'mcpEnv'], picks: {} },
  frontend: { spreads: ['runtimeEnv', 'frontendEnv'], picks: {} },
  doctor: { spreads: ['doctorEnv'], picks: {} },
} as const satisfies Record<string, ServiceEnvRecipe>;

type EnvField = Parameters<typeof loadConfig>[0][string];
export type EnvShape = Record<string, EnvField>;

export function shapeOf(recipe: ServiceEnvRecipe): EnvShape {
  const shape: EnvShape = {};
  for (const concern of recipe.spreads) Object.assign(shape, CONCERNS[concern]);
  for (const [key, concern] of Object.entries(recipe.picks)) {
    const field = (CONCERNS[concern] as EnvShape)[key];
    if (!field) throw new Error(`${concern} has no ${key}`);
    shape[key] = field;
  }
  return shape;
}
