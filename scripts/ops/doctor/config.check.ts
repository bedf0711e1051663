import { ConfigError, loadConfig } from '@fractafrag/core';
import { fail, ok, type CheckResult } from './check.ts';
import { SERVICE_ENV_RECIPES, shapeOf, type EnvShape } from './service-shapes.ts';

export type Env = Record<string, string | undefined>;

interface ConfigIssue {
  key: string;
  message: string;
}

/** loadConfig's message is "Invalid configuration:" then one "  KEY: message" line per problem. */
function issuesOf(error: ConfigError): ConfigIssue[] {
  return error.message
    .split('\n')
    .slice(1)
    .map((line) => /^\s*([^:]+):\s*(.*)$/.exec(line))
    .filter((m) => m !== null)
    .map((m) => ({ key: m[1]!, message: m[2]! }));
}

function shownDefault(shape: EnvShape, key: string): string | null {
  const field = shape[key];
  if (!field) return null;
  try {
    const value = loadConfig({ [key]: field }, {})[key];
    return value === '' ? 'empty' : JSON.stringify(value);
  } catch {
    return null; // no default: the variable must be set
  }
}

function fixFor(issue: ConfigIssue, shape: EnvShape): string {
  if (issue.key === 'JWT_SECRET') {
    return 'set JWT_SECRET to a private random value of at least 16 characters, e.g. JWT_SECRET=$(openssl rand -hex 32)';
  }
  const fallback = shownDefault(shape, issue.key);
  return fallback === null
    ? `set ${issue.key} to a valid value`
    : `set ${issue.key} to a valid value, or unset it to use the default (${fallback})`;
}

/** One service's configuration, validated exactly as the service validates it at start-up. */
export function checkServiceConfig(service: string, shape: EnvShape, env: Env): CheckResult {
  const name = `config: ${service}`;
  try {
    loadConfig(shape, env);
    return ok(name, env.NODE_ENV ? `valid (NODE_ENV=${env.NODE_ENV})` : 'valid');
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    const issues = issuesOf(err);
    return fail(
      name,
      issues.map((i) => `${i.key}: ${i.message}`).join('; '),
      issues.map((i) => fixFor(i, shape)).join('; '),
    );
  }
}

/** Every service's environment, as the services/*\/src/main.ts combine the shapes. */
export function checkConfiguration(env: Env): CheckResult[] {
  return Object.entries(SERVICE_ENV_RECIPES).map(([service, recipe]) =>
    checkServiceConfig(service, shapeOf(recipe), env),
  );
}
