import { badRequest } from '@fractafrag/core';

/** Opaque keyset cursors: base64url of the sort key and id of the last item on the page. */
export function encodeCursor(sortKey: string | number, id: string): string {
  return Buffer.from(JSON.stringify([sortKey, id])).toString('base64url');
}

export function decodeCursor(cursor: string): { sortKey: string | number; id: string } {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(value) &&
      value.length === 2 &&
      (typeof value[0] === 'string' || typeof value[0] === 'number') &&
      typeof value[1] === 'string'
    ) {
      return { sortKey: value[0], id: value[1] };
    }
  } catch {
    // fall through to the error below
  }
  throw badRequest('The cursor is invalid: pass back the nextCursor of a previous page unchanged.');
}
