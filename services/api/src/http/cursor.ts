import { badRequest } from '@fractafrag/core';
import { isUuid } from '../auth/ids.ts';

/** Opaque keyset cursors: base64url of the sort key and id of the last item on the page. */
export function encodeCursor(sortKey: string | number, id: string): string {
  return Buffer.from(JSON.stringify([sortKey, id])).toString('base64url');
}

/**
 * Decodes a cursor whose id is a uuid and whose key is a finite number or a timestamp Postgres
 * accepts: a cursor is client input, and a value Postgres cannot cast would fail the query.
 */
export function decodeCursor(cursor: string): { sortKey: string | number; id: string } {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(value) &&
      value.length === 2 &&
      (isTimestampKey(value[0]) || (typeof value[0] === 'number' && Number.isFinite(value[0]))) &&
      typeof value[1] === 'string' &&
      isUuid(value[1])
    ) {
      return { sortKey: value[0], id: value[1] };
    }
  } catch {
    // fall through to the error below
  }
  throw badRequest('The cursor is invalid: pass back the nextCursor of a previous page unchanged.');
}

// ISO 8601 as to_char writes it, or timestamptz::text ("2024-05-01 12:00:00.123456+00").
const TIMESTAMP_KEY =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:\.\d{1,6})?(?:Z|[+-](\d{2})(?::?\d{2})?)$/;

/** A timestamp key as the lists write it, with a real date (Postgres refuses 2024-02-30 and year 0). */
export function isTimestampKey(value: unknown): value is string {
  const match = typeof value === 'string' ? TIMESTAMP_KEY.exec(value) : null;
  if (!match) return false;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number);
  const leap = year! % 4 === 0 && (year! % 100 !== 0 || year! % 400 === 0);
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month! - 1];
  return (
    year! >= 1 &&
    days !== undefined &&
    day! >= 1 &&
    day! <= days &&
    hour! <= 23 &&
    minute! <= 59 &&
    second! <= 59 &&
    Number(match[7] ?? 0) <= 15
  );
}
