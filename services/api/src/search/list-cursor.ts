import { z } from 'zod';
import { SHADER_SORTS, type ShaderSort } from '@fractafrag/contracts';
import { badRequest } from '@fractafrag/core';
import { isTimestampKey } from '../http/cursor.ts';

/**
 * Opaque cursors for shader lists (base64url JSON). A keyset cursor names its sort, so one list's
 * cursor cannot be replayed against another order: [sort, key of the last item, its id]. The key is
 * the exact sort value: microsecond timestamps for new (a millisecond key would skip rows that share
 * a millisecond), the float hot score or relevance, the integer net votes for top.
 * The personal feed pages by position in a ranking frozen at `asOf`: ['personal', asOf, offset].
 */
export type ListCursor =
  | { kind: 'keyset'; sort: ShaderSort; key: string | number; id: string }
  | { kind: 'personal'; asOf: string; offset: number };

const keysetSchema = z.tuple([z.enum(SHADER_SORTS), z.union([z.string().max(64), z.number()]), z.uuid()]);
const personalSchema = z.tuple([
  z.literal('personal'),
  z.iso.datetime().refine(isTimestampKey),
  z.number().int().min(0).max(10_000),
]);

export function encodeKeysetCursor(sort: ShaderSort, key: string | number, id: string): string {
  return Buffer.from(JSON.stringify([sort, key, id])).toString('base64url');
}

export function encodePersonalCursor(asOf: Date, offset: number): string {
  return Buffer.from(JSON.stringify(['personal', asOf.toISOString(), offset])).toString('base64url');
}

const invalid = () =>
  badRequest(
    'The cursor is invalid: pass back the nextCursor of a previous page of the same list unchanged.',
  );

export function decodeListCursor(cursor: string): ListCursor {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  const personal = personalSchema.safeParse(value);
  if (personal.success) return { kind: 'personal', asOf: personal.data[1], offset: personal.data[2] };
  const keyset = keysetSchema.safeParse(value);
  if (!keyset.success) throw invalid();
  const [sort, key, id] = keyset.data;
  if (!validKey(sort, key)) throw invalid();
  return { kind: 'keyset', sort, key, id };
}

/** UTC ISO-8601 as the lists write it, to the microsecond: anything else never came from us. */
export const isIsoTimestamp = (value: unknown): value is string =>
  typeof value === 'string' &&
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/.test(value) &&
  isTimestampKey(value);

function validKey(sort: ShaderSort, key: string | number): boolean {
  switch (sort) {
    case 'new':
      return isIsoTimestamp(key);
    case 'top':
      return typeof key === 'number' && Number.isInteger(key) && Math.abs(key) < 2 ** 31;
    case 'hot':
    case 'relevance':
      return typeof key === 'number' && Number.isFinite(key);
  }
}

/** Decodes a keyset cursor that must belong to `sort` (400 otherwise). */
export function decodeKeysetCursor(cursor: string, sort: ShaderSort): { key: string | number; id: string } {
  const decoded = decodeListCursor(cursor);
  if (decoded.kind !== 'keyset' || decoded.sort !== sort) {
    throw badRequest(
      `This cursor belongs to a list in another order; it cannot continue a list sorted by ${sort}.`,
    );
  }
  return { key: decoded.key, id: decoded.id };
}
