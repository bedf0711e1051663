import { describe, expect, it } from 'vitest';
import { apiEnv, ConfigError, dbEnv, loadConfig, runtimeEnv, workerEnv } from '../src/config.ts';

describe('loadConfig', () => {
  it('applies documented defaults when nothing is set', () => {
    const config = loadConfig({ ...runtimeEnv, ...dbEnv, ...workerEnv }, {});
    expect(config.NODE_ENV).toBe('development');
    expect(config.DATABASE_URL).toBe('postgres://fracta:fracta@127.0.0.1:5432/fractafrag');
    expect(config.WORKER_PORT).toBe(8001);
  });

  it('parses numbers and booleans from strings', () => {
    const config = loadConfig({ ...apiEnv }, { API_PORT: '9000', MIGRATE_ON_START: 'false' });
    expect(config.API_PORT).toBe(9000);
    expect(config.MIGRATE_ON_START).toBe(false);
  });

  it('names the bad variable in its error', () => {
    expect(() => loadConfig({ ...apiEnv }, { API_PORT: 'eighty' })).toThrow(/API_PORT/);
    expect(() => loadConfig({ ...apiEnv }, { MIGRATE_ON_START: 'maybe' })).toThrow(ConfigError);
  });

  it('refuses the development JWT secret in production', () => {
    expect(() => loadConfig({ ...runtimeEnv, ...apiEnv }, { NODE_ENV: 'production' })).toThrow(/JWT_SECRET/);
    expect(
      loadConfig(
        { ...runtimeEnv, ...apiEnv },
        { NODE_ENV: 'production', JWT_SECRET: 'a-long-private-secret-value' },
      ).JWT_SECRET,
    ).toBe('a-long-private-secret-value');
  });
});
