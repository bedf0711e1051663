import { describe, expect, it } from 'vitest';
import { isDependencyOutage } from '../src/outage.ts';

const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('isDependencyOutage', () => {
  it('recognises a dependency that is down or restarting', () => {
    expect(isDependencyOutage(withCode('ECONNREFUSED'))).toBe(true);
    expect(
      isDependencyOutage(withCode('57P03', 'the database system is not yet accepting connections')),
    ).toBe(true);
    expect(isDependencyOutage(withCode('57P01', 'terminating connection due to administrator command'))).toBe(
      true,
    );
    expect(isDependencyOutage(withCode('08006', 'connection failure'))).toBe(true);
    expect(isDependencyOutage(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isDependencyOutage(new Error('timeout exceeded when trying to connect'))).toBe(true);
    expect(
      isDependencyOutage(new Error('Client has encountered a connection error and is not queryable')),
    ).toBe(true);
  });

  it('leaves real errors alone: constraint violations, syntax errors, bugs', () => {
    expect(isDependencyOutage(withCode('23505', 'duplicate key value violates unique constraint'))).toBe(
      false,
    );
    expect(isDependencyOutage(withCode('42601', 'syntax error at or near "SELEC"'))).toBe(false);
    expect(isDependencyOutage(new TypeError("Cannot read properties of undefined (reading 'id')"))).toBe(
      false,
    );
    expect(isDependencyOutage(undefined)).toBe(false);
    expect(isDependencyOutage('ECONNREFUSED')).toBe(false);
  });
});
