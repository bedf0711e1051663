import { describe, expect, it } from 'vitest';
import { imageOnly } from '@fractafrag/contracts';
import { decodeCursor, encodeCursor } from '../src/http/cursor.ts';
import { codeHash } from '../src/shaders/code-hash.ts';

describe('keyset cursors', () => {
  const ID = '7b0c9a4e-0000-4000-8000-00000000dead';

  it('round-trips the sort key and id', () => {
    for (const key of ['2026-01-01T00:00:00.000Z', '2026-01-01 12:30:00.123456+00', 0.25, 42]) {
      expect(decodeCursor(encodeCursor(key, ID))).toEqual({ sortKey: key, id: ID });
    }
  });

  it('rejects a tampered cursor with a 400 that says what to do', () => {
    expect(() => decodeCursor('not-a-cursor')).toThrow(/nextCursor/);
  });

  it('rejects keys and ids Postgres could not cast, before they reach a query', () => {
    for (const [key, id] of [
      ['2026-01-01T00:00:00.000Z', 'not-a-uuid'],
      ['0000-01-01T00:00:00.000Z', ID],
      ['2024-02-30T00:00:00.000Z', ID],
      ['2023-02-29 00:00:00+00', ID],
      ['2024-01-01T24:00:00Z', ID],
      ['2024-01-01T00:00:00+99:00', ID],
      ['yesterday', ID],
      ['', ID],
    ] as const) {
      expect(() => decodeCursor(encodeCursor(key, id)), `${key} ${id}`).toThrow(/cursor is invalid/);
    }
    expect(decodeCursor(encodeCursor('2024-02-29 23:59:59+05:30', ID)).sortKey).toBe(
      '2024-02-29 23:59:59+05:30',
    );
  });
});

describe('codeHash', () => {
  it('is stable for the same code and changes with any pass', () => {
    expect(codeHash(imageOnly('a'))).toBe(codeHash(imageOnly('a')));
    expect(codeHash(imageOnly('a'))).not.toBe(codeHash(imageOnly('b')));
    expect(codeHash(imageOnly('a', 'common'))).not.toBe(codeHash(imageOnly('a')));
  });
});
