import { describe, expect, it } from 'vitest';
import { imageOnly } from '@fractafrag/contracts';
import { decodeCursor, encodeCursor } from '../src/http/cursor.ts';
import { codeHash } from '../src/shaders/code-hash.ts';

describe('keyset cursors', () => {
  it('round-trips the sort key and id', () => {
    const cursor = encodeCursor('2026-01-01T00:00:00.000Z', 'abc');
    expect(decodeCursor(cursor)).toEqual({ sortKey: '2026-01-01T00:00:00.000Z', id: 'abc' });
  });

  it('rejects a tampered cursor with a 400 that says what to do', () => {
    expect(() => decodeCursor('not-a-cursor')).toThrow(/nextCursor/);
  });
});

describe('codeHash', () => {
  it('is stable for the same code and changes with any pass', () => {
    expect(codeHash(imageOnly('a'))).toBe(codeHash(imageOnly('a')));
    expect(codeHash(imageOnly('a'))).not.toBe(codeHash(imageOnly('b')));
    expect(codeHash(imageOnly('a', 'common'))).not.toBe(codeHash(imageOnly('a')));
  });
});
