/** Values a hostile or careless client sends: each with a label that names it in a failure. */
export interface HostileValue {
  label: string;
  value: unknown;
}

const MB = 1024 * 1024;

/** Strings aimed at the database, HTML, the file system and the C string functions. */
export const INJECTION_STRINGS: HostileValue[] = [
  { label: 'SQL injection', value: "'; DROP TABLE shaders;--" },
  { label: 'script tag', value: '<script>alert(1)</script>' },
  { label: 'path traversal', value: '../../etc/passwd' },
  { label: 'URL-encoded NUL', value: '%00' },
  { label: 'format string', value: '%s%s%n${7*7}{{7*7}}' },
];

/** Unicode that breaks naive storage, rendering or length checks. */
export const UNICODE_STRINGS: HostileValue[] = [
  // Postgres refuses NUL in text and jsonb: a classic source of 500s.
  { label: 'NUL character', value: 'a\u0000b' },
  { label: 'lone high surrogate', value: 'x\uD800y' },
  { label: 'lone low surrogate', value: '\uDC00' },
  { label: 'RTL override', value: 'abc\u202Egnp.exe\u202C' },
  { label: 'zero-width joiners', value: 'a\u200D\u200B\u200Cb\uFEFF' },
  { label: '10k combining marks', value: `e${'\u0301'.repeat(10_000)}` },
  { label: 'emoji ZWJ sequence', value: '👩\u200D💻🔥🏳️\u200D🌈' },
];

/** 1 MB of text: over every string limit but under the endpoint's 2 MB body limit. */
export const HUGE_STRING: HostileValue = { label: '1 MB string', value: 'A'.repeat(MB) };

export const HOSTILE_STRINGS: HostileValue[] = [...INJECTION_STRINGS, ...UNICODE_STRINGS, HUGE_STRING];

/** Strings where a UUID is expected. */
export const NOT_UUIDS: HostileValue[] = [
  { label: 'not a uuid', value: 'not-a-uuid' },
  { label: 'number as text', value: '42' },
  { label: 'uuid with a non-hex digit', value: '7b0c9a4e-0000-4000-8000-00000000dexz' },
  { label: 'uuid with SQL', value: "7b0c9a4e-0000-4000-8000-00000000dead' OR '1'='1" },
  { label: 'uuid with a path', value: '7b0c9a4e-0000-4000-8000-00000000dead/../../users' },
  { label: 'uuid with NUL', value: '7b0c9a4e-0000-4000-8000-00000000dead\u0000' },
  { label: 'empty string', value: '' },
];

/** Numbers where small non-negative integers are expected (NaN and Infinity: see the raw cases). */
export const HOSTILE_NUMBERS: HostileValue[] = [
  { label: 'negative', value: -1 },
  { label: 'zero', value: 0 },
  { label: 'float', value: 1.5 },
  { label: 'tiny float', value: 5e-324 },
  { label: 'huge', value: 1e308 },
  { label: 'beyond int32', value: 2 ** 31 },
  { label: 'unsafe integer', value: 2 ** 53 + 2 },
  { label: 'large negative', value: -(2 ** 53) },
  { label: 'NaN as text', value: 'NaN' },
  { label: 'Infinity as text', value: 'Infinity' },
  { label: 'number as text', value: '1' },
];

/** One value of each JSON type; each is sent wherever the schema does not allow its type. */
export const WRONG_TYPES: { type: JsonType; value: HostileValue }[] = [
  { type: 'string', value: { label: 'a string', value: 'wrong type' } },
  { type: 'number', value: { label: 'a number', value: 12345 } },
  { type: 'boolean', value: { label: 'a boolean', value: true } },
  { type: 'object', value: { label: 'an object', value: { nested: { deeper: [1, 2] } } } },
  { type: 'array', value: { label: 'an array', value: ['a', 1, null] } },
  { type: 'null', value: { label: 'null', value: null } },
];

export type JsonType = 'string' | 'number' | 'boolean' | 'object' | 'array' | 'null';

/** Keys that pollute prototypes when code merges objects naively; built so they are own keys. */
export function pollutingExtras(): Record<string, unknown>[] {
  return [
    { unexpectedField: 'ignored?' },
    JSON.parse('{"__proto__": {"polluted": true}}') as Record<string, unknown>,
    { constructor: { prototype: { polluted: true } } },
  ];
}
