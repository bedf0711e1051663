import { describe, expect, it } from 'vitest';
import { fail, ok, runWithDeadline, warn } from '../check.ts';
import { readDoctorSettings } from '../doctor-config.ts';
import { exitCodeOf, formatResult, formatSummary } from '../format.ts';

describe('check deadline', () => {
  it('turns a check that never answers into a FAIL line with the fix', async () => {
    const results = await runWithDeadline('redis', 1000, () => new Promise(() => undefined), 'start Redis');
    expect(results).toEqual([fail('redis', 'no answer within 1 s', 'start Redis')]);
  });

  it('turns a check that throws into a FAIL line', async () => {
    const results = await runWithDeadline(
      'nginx',
      1000,
      () => Promise.reject(new Error('boom')),
      'run nginx -t',
    );
    expect(results).toEqual([fail('nginx', 'check crashed: boom', 'run nginx -t')]);
  });

  it('passes through what a check says in time', async () => {
    const results = await runWithDeadline('disk', 1000, () => Promise.resolve([ok('disk', 'fine')]), 'x');
    expect(results).toEqual([ok('disk', 'fine')]);
  });
});

describe('doctor settings', () => {
  it('keeps a bad value out of the checks and remembers it as invalid', () => {
    const { config, invalid } = readDoctorSettings(
      { DATABASE_URL: 'not a url', DOCTOR_TIMEOUT_MS: '2500' },
      '/srv',
    );
    expect(invalid).toEqual(new Set(['DATABASE_URL']));
    expect(config.DOCTOR_TIMEOUT_MS).toBe(2500);
    expect(config.RENDERS_DIR).toBe('/srv/.run/renders');
  });
});

describe('report', () => {
  it('prints one line per check and the fix under a problem', () => {
    expect(formatResult(ok('postgres', 'PostgreSQL 16'))).toEqual(['ok    postgres          PostgreSQL 16']);
    expect(formatResult(fail('redis eviction', 'allkeys-lru', 'CONFIG SET'))).toEqual([
      'FAIL  redis eviction    allkeys-lru',
      '      fix: CONFIG SET',
    ]);
  });

  it('exits 1 on any failure, 0 on warnings alone', () => {
    const warned = [ok('a', ''), warn('b', '', 'x')];
    expect(exitCodeOf(warned)).toBe(0);
    expect(exitCodeOf([...warned, fail('c', '', 'y')])).toBe(1);
    expect(formatSummary([...warned, fail('c', '', 'y')])).toBe('doctor: 1 ok, 1 warn, 1 FAIL');
  });
});
