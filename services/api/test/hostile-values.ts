import { JSON_BODY_LIMIT } from '../src/app.ts';

/** The hostile inputs of hostile-input.int.test.ts: strings, numbers, path segments, raw bodies. */

/** Strings any text field may receive; each is valid JSON text, so the request reaches the schema. */
export const HOSTILE_STRINGS: Record<string, string> = {
  'SQL injection': "'; DROP TABLE users;--",
  'SQL injection (comment and OR)': "x' OR '1'='1' /*",
  'a literal %00': 'abc%00def',
  'path traversal': '../../etc/passwd',
  'script tag': '<script>alert(1)</script>',
  'img onerror': '<img src=x onerror="window.__xss=1">',
  'RTL override': 'abc\u202Eexe.fdp',
  'zero-width joiners': 'a\u200D\u200B\u200Cb\uFEFF',
  emoji: '🦄👩🏽‍🚀🇺🇳',
  '10k combining marks': `e${'\u0301'.repeat(10_000)}`,
  'overlong string (100k)': 'x'.repeat(100_000),
  'only whitespace': ' \t\n ',
  'control characters': '\u0001\u0007\u001b[31m\u007f',
  'JSON in a string': '{"$ne":null}',
  'format string': '%s%s%n%x',
  'template injection': '${process.exit()}{{7*7}}',
};

/** Text that must be refused wherever it appears (Postgres cannot store NUL; a lone surrogate is not Unicode). */
export const UNSAFE_STRINGS: Record<string, string> = {
  'NUL byte': 'ab\u0000cd',
  'lone surrogate': 'ab\ud800cd',
};

/** A value of another JSON type than `value`, and of the same type but unusable (ints). */
export function wrongTypes(value: unknown): Record<string, unknown> {
  if (typeof value === 'string') return { number: 12345, object: { a: 1 }, boolean: true };
  if (typeof value === 'boolean') return { string: 'yes', number: 1 };
  if (typeof value === 'number') {
    return {
      string: String(value),
      'numeric string NaN': 'NaN',
      array: [value],
      ...(Number.isInteger(value)
        ? { float: value + 0.5, huge: 1e308, 'beyond 2^53': 2 ** 53 + 2, negative: -value - 1 }
        : { huge: 1e308 }),
    };
  }
  if (Array.isArray(value)) return { string: 'a,b', object: { 0: (value as unknown[])[0] ?? 'x' } };
  if (value === null) return { array: [] };
  return { string: '[object Object]', array: [value] };
}

/** Path segments that name nothing: not a uuid, not an int, injections, bad percent-encoding. */
export const HOSTILE_PATH_SEGMENTS: Record<string, string> = {
  'not a uuid': 'not-a-uuid',
  'nil uuid': '00000000-0000-0000-0000-000000000000',
  'uuid with a trailing NUL': '7b0c9a4e-0000-4000-8000-00000000dead%00',
  'uuid in braces': '%7B7b0c9a4e-0000-4000-8000-00000000dead%7D',
  integer: '12345',
  negative: '-1',
  float: '1.5',
  'huge number': '1e308',
  'beyond bigint': '99999999999999999999999999999',
  NaN: 'NaN',
  Infinity: 'Infinity',
  'encoded NUL': '%00',
  'SQL injection': encodeURIComponent("'; DROP TABLE users;--"),
  'path traversal (encoded slashes)': '..%2F..%2Fetc%2Fpasswd',
  'script tag': encodeURIComponent('<script>alert(1)</script>'),
  'RTL override and emoji': encodeURIComponent('abc\u202E🦄'),
  'truncated percent-encoding': '%E0%A4%A',
  'invalid percent-encoding': '%ZZ',
  'lone surrogate as UTF-8': '%ED%A0%80',
  'overlong UTF-8': '%C0%AF',
  'very long (5000)': 'a'.repeat(5000),
};

/** Query values for an integer field: coerced with Number(), so only some are refused. */
export const NUMBER_QUERY_VALUES = [
  'abc',
  '',
  '-1',
  '0',
  '1.5',
  '1e308',
  '-1e308',
  'NaN',
  'Infinity',
  '99999999999999999999999',
  '0x10',
  ' 7 ',
  '%00',
];

/** Whether z.coerce.number().int().min(min).max(max) accepts the (decoded) query value. */
export function acceptsInteger(raw: string, min: number | undefined, max: number | undefined): boolean {
  const n = Number(raw);
  return Number.isInteger(n) && (min === undefined || n >= min) && (max === undefined || n <= max);
}

/** Just over the API's JSON limit (express.json in app.ts, e.g. "2mb"). */
export const OVERSIZE_BODY = `{"pad":"${'a'.repeat(Number.parseFloat(JSON_BODY_LIMIT) * 1024 * 1024 + 1024)}"}`;

/** Bodies express.json refuses (400 malformed_json). */
export const MALFORMED_BODIES: Record<string, string> = {
  truncated: '{"title": "unterminated',
  'single quotes': "{'a': 1}",
  'trailing comma': '{"a": 1,}',
  'bare NaN': '{"a": NaN}',
  'top-level string (strict mode)': '"just a string"',
  'top-level number (strict mode)': '42',
  'invalid escape': '{"a": "\\x41"}',
};

/** JSON bodies that parse but are not objects, or are absurdly deep. */
export const ODD_BODIES: Record<string, string> = {
  'an array': '[]',
  'an array of objects': '[{"a":1}]',
  'nested 100k arrays deep': `{"a":${'['.repeat(100_000)}${']'.repeat(100_000)}}`,
  'ten thousand keys': JSON.stringify(
    Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`k${i}`, i])),
  ),
  '__proto__ key': '{"__proto__": {"admin": true}, "constructor": {"prototype": {"x": 1}}}',
};

const cursorOf = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/**
 * Cursors that decode but lie: every list must answer 400 (or a page), never hand them to SQL
 * blindly. `id` is a real row id (the shader's), so a cursor passes the "same list" checks and its
 * key is what gets judged.
 */
export function hostileCursors(id: string): Record<string, string> {
  return {
    'not base64': '!!!***',
    'base64 of text': Buffer.from('garbage').toString('base64url'),
    'id not a uuid': cursorOf(['2024-01-01T00:00:00.000Z', 'not-a-uuid']),
    'SQL in the id': cursorOf(['2024-01-01T00:00:00.000Z', "'; DROP TABLE users;--"]),
    'sort key not a timestamp': cursorOf(['yesterday', id]),
    'sort key a huge number': cursorOf([1e308, id]),
    'sort key a negative number': cursorOf([-1, id]),
    'sort key beyond int4': cursorOf([2 ** 40, id]),
    'sort key beyond 2^53': cursorOf([2 ** 60, id]),
    'sort key a float': cursorOf([1.5, id]),
    'sort key an empty string': cursorOf(['', id]),
    'sort key year 0': cursorOf(['0000-01-01T00:00:00.000Z', id]),
    'sort key February 30': cursorOf(['2024-02-30T12:00:00.000000Z', id]),
    'sort key hour 24 (text form)': cursorOf(['2024-01-01 24:00:00+00', id]),
    'sort key with a far offset': cursorOf(['2024-01-01T00:00:00+99:00', id]),
    'keyset of another order': cursorOf(['top', 5, id]),
    'keyset with a bad id': cursorOf(['new', '2024-01-01T00:00:00.000Z', 'x']),
    'keyset with a year-0 timestamp': cursorOf(['new', '0000-01-01T00:00:00.000Z', id]),
    'keyset with February 30': cursorOf(['new', '2024-02-30T00:00:00.000Z', id]),
    'keyset top beyond int4': cursorOf(['top', 2 ** 40, id]),
    'keyset hot huge': cursorOf(['hot', 1e308, id]),
    'personal cursor': cursorOf(['personal', '2024-01-01T00:00:00.000Z', 3]),
    'personal with a year-0 time': cursorOf(['personal', '0000-01-01T00:00:00.000Z', 3]),
    'personal with a huge offset': cursorOf(['personal', '2024-01-01T00:00:00.000Z', 1e9]),
    'a JSON object': cursorOf({ sortKey: 1, id }),
    'NUL in the key': cursorOf(['\u0000', id]),
    'three elements': cursorOf([1, id, 'x']),
  };
}
