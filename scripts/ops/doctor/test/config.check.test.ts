import { describe, expect, it } from 'vitest';
import { checkConfiguration } from '../config.check.ts';

const byName = (env: Record<string, string>) =>
  new Map(checkConfiguration(env).map((r) => [r.name, r] as const));

describe('configuration check', () => {
  it('passes every service with the documented defaults', () => {
    const results = checkConfiguration({});
    expect(results.map((r) => r.name)).toEqual([
      'config: api',
      'config: worker',
      'config: renderer',
      'config: mcp',
      'config: frontend',
      'config: doctor',
    ]);
    expect(results.every((r) => r.status === 'ok')).toBe(true);
  });

  it('fails every service that reads RENDER_TIMEOUT_MS=abc, naming the default', () => {
    const results = byName({ RENDER_TIMEOUT_MS: 'abc' });
    for (const service of ['config: worker', 'config: renderer']) {
      const result = results.get(service)!;
      expect(result.status).toBe('fail');
      expect(result.detail).toMatch(/^RENDER_TIMEOUT_MS: .*expected number/);
      expect(result.fix).toBe(
        'set RENDER_TIMEOUT_MS to a valid value, or unset it to use the default (5000)',
      );
    }
    expect(results.get('config: api')!.status).toBe('ok');
    expect(results.get('config: mcp')!.status).toBe('ok');
  });

  it('reports the production rule: the default JWT_SECRET is refused with NODE_ENV=production', () => {
    const result = byName({ NODE_ENV: 'production' }).get('config: api')!;
    expect(result.status).toBe('fail');
    expect(result.detail).toBe('JWT_SECRET: must be set to a private value in production');
    expect(result.fix).toContain('JWT_SECRET=$(openssl rand -hex 32)');
  });

  it('passes production once JWT_SECRET is a private value', () => {
    const results = checkConfiguration({ NODE_ENV: 'production', JWT_SECRET: 'a'.repeat(40) });
    expect(results.every((r) => r.status === 'ok')).toBe(true);
  });

  it('lists every bad variable of one service on its line', () => {
    const result = byName({ API_PORT: '70000', MIGRATE_ON_START: 'maybe' }).get('config: api')!;
    expect(result.status).toBe('fail');
    expect(result.detail).toContain('API_PORT:');
    expect(result.detail).toContain('MIGRATE_ON_START:');
    expect(result.fix).toContain('unset it to use the default (8000)');
    expect(result.fix).toContain('unset it to use the default (true)');
  });

  it("validates the doctor's own settings", () => {
    const result = byName({ DOCTOR_TIMEOUT_MS: 'soon' }).get('config: doctor')!;
    expect(result.status).toBe('fail');
    expect(result.fix).toContain('(10000)');
  });
});
