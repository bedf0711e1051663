import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SERVICE_ENV_RECIPES } from '../service-shapes.ts';

const ROOT = path.resolve(import.meta.dirname, '../../../..');
const MAIN: Record<string, string> = {
  api: 'services/api/src/main.ts',
  worker: 'services/worker/src/main.ts',
  renderer: 'services/renderer/src/main.ts',
  mcp: 'services/mcp/src/main.ts',
  frontend: 'services/frontend/server/main.ts',
};

/** The object literal a main.ts passes to loadConfig, as spread names and borrowed variables. */
function loadConfigArgument(file: string) {
  const source = readFileSync(path.join(ROOT, file), 'utf8');
  const call = /loadConfig\(\{([\s\S]*?)\}\)/.exec(source);
  if (!call) throw new Error(`${file} has no loadConfig({ … }) call`);
  const body = call[1]!;
  const spreads: string[] = [...body.matchAll(/\.\.\.(\w+)/g)].map((m) => m[1]!);
  const picks: Record<string, string> = Object.fromEntries(
    [...body.matchAll(/(\w+):\s*(\w+)\.\1\b/g)].map((m) => [m[1]!, m[2]!]),
  );
  return { spreads, picks };
}

describe('service env recipes', () => {
  it.each(Object.entries(MAIN))('match what %s passes to loadConfig', (service, file) => {
    const recipe = SERVICE_ENV_RECIPES[service as keyof typeof SERVICE_ENV_RECIPES];
    expect(loadConfigArgument(file)).toEqual({ spreads: [...recipe.spreads], picks: { ...recipe.picks } });
  });
});
