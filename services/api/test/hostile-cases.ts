import type { HostileCase, HostileRequest } from './hostile-checks.ts';
import { schemaAt, typesOf, type JsonSchema, type Operation } from './hostile-openapi.ts';
import type { RouteFixture } from './hostile-routes.ts';
import {
  acceptsInteger,
  HOSTILE_PATH_SEGMENTS,
  HOSTILE_STRINGS,
  hostileCursors,
  MALFORMED_BODIES,
  NUMBER_QUERY_VALUES,
  ODD_BODIES,
  OVERSIZE_BODY,
  UNSAFE_STRINGS,
  wrongTypes,
} from './hostile-values.ts';
import type { World } from './hostile-world.ts';

/** The hostile cases of one route, derived from its OpenAPI operation and its working request. */

/** Query values go on the wire as given (already encoded): that is how %00 and friends get through. */
function urlFor(op: Operation, params: Record<string, string>, query: Record<string, string>): string {
  const path = op.path.replace(/\{(\w+)\}/g, (_m, name: string) => params[name] ?? '');
  const search = Object.entries(query)
    .map(([k, v]) => `${encodeURIComponent(k)}=${v}`)
    .join('&');
  return `/api/v1${path}${search ? `?${search}` : ''}`;
}

const encodeAll = (query: Record<string, string>) =>
  Object.fromEntries(Object.entries(query).map(([k, v]) => [k, encodeURIComponent(v)]));

/** Every node of a JSON value below the root, with its path. */
function nodes(value: unknown, path: string[] = []): { path: string[]; value: unknown }[] {
  const children =
    value !== null && typeof value === 'object'
      ? Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => nodes(v, [...path, k]))
      : [];
  return path.length === 0 ? children : [{ path, value }, ...children];
}

function setAt(value: unknown, path: string[], replacement: unknown): unknown {
  const copy = structuredClone(value) as Record<string, unknown>;
  let parent = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string, unknown>;
  parent[path.at(-1)!] = replacement;
  return copy;
}

const validation = (field?: string) =>
  ({ kind: 'refused', status: [422], code: 'validation_failed', field }) as const;
const handled = { kind: 'handled' } as const;

export interface RouteInput {
  op: Operation;
  fixture: RouteFixture;
  world: World;
  token: string | undefined;
}

export function hostileCases({ op, fixture, world, token }: RouteInput): HostileCase[] {
  const params = fixture.params?.(world) ?? {};
  const query = fixture.query?.(world) ?? {};
  const auth: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  const json = { ...auth, 'content-type': 'application/json' };
  const request = (
    overrides: { params?: Record<string, string>; query?: Record<string, string>; body?: unknown } = {},
  ): HostileRequest => {
    const body = 'body' in overrides ? overrides.body : fixture.body?.(world);
    return {
      method: op.method,
      url: urlFor(
        op,
        overrides.params ??
          Object.fromEntries(Object.entries(params).map(([k, v]) => [k, encodeURIComponent(v)])),
        overrides.query ?? encodeAll(query),
      ),
      headers: body === undefined ? auth : json,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    };
  };
  const cases: HostileCase[] = [];
  const add = (name: string, req: HostileRequest, expect: HostileCase['expect']) =>
    cases.push({ name, request: req, expect });

  for (const param of op.pathParams) {
    for (const [label, segment] of Object.entries(HOSTILE_PATH_SEGMENTS)) {
      const bad = {
        ...Object.fromEntries(Object.entries(params).map(([k, v]) => [k, encodeURIComponent(v)])),
      };
      bad[param.name] = segment;
      add(`path ${param.name}: ${label}`, request({ params: bad }), {
        kind: 'refused',
        status: [400, 404, 422],
      });
    }
  }

  for (const param of op.queryParams) queryCases(param, query, world, request, add);
  add(
    'undeclared query params',
    request({ query: { ...encodeAll(query), zz: '%3Cscript%3E', __proto__x: '1' } }),
    handled,
  );
  add('a 12 KB query string', request({ query: { ...encodeAll(query), pad: 'a'.repeat(12_000) } }), handled);
  add('a 100 KB query string', request({ query: { ...encodeAll(query), pad: 'a'.repeat(100_000) } }), {
    kind: 'transport',
  });

  if (op.method === 'GET') return cases;
  const raw = (
    name: string,
    body: string | Buffer,
    headers: Record<string, string>,
    expect: HostileCase['expect'],
  ) => add(name, { ...request({ body: undefined }), headers: { ...auth, ...headers }, body }, expect);
  raw('a body over the JSON limit', OVERSIZE_BODY, json, {
    kind: 'refused',
    status: [413],
    code: 'payload_too_large',
  });
  for (const [label, body] of Object.entries(MALFORMED_BODIES)) {
    raw(`malformed JSON: ${label}`, body, json, { kind: 'refused', status: [400], code: 'malformed_json' });
  }
  for (const [label, body] of Object.entries(ODD_BODIES)) raw(`odd JSON: ${label}`, body, json, handled);
  // UTF-16 is a charset body-parser decodes (the bytes are then not JSON); an unknown one is refused.
  raw(
    'a UTF-16 charset',
    '{}',
    { ...auth, 'content-type': 'application/json; charset=utf-16' },
    {
      kind: 'refused',
      status: [400],
    },
  );
  raw(
    'an unknown charset',
    '{}',
    { ...auth, 'content-type': 'application/json; charset=klingon' },
    {
      kind: 'refused',
      status: [415],
      code: 'unsupported_charset',
    },
  );
  raw(
    'gzip that is not gzip',
    '{"a":1}',
    { ...json, 'content-encoding': 'gzip' },
    { kind: 'refused', status: [400] },
  );
  raw(
    'JSON sent as text/plain',
    JSON.stringify(fixture.body?.(world) ?? {}),
    { ...auth, 'content-type': 'text/plain' },
    handled,
  );
  raw(
    'invalid UTF-8 bytes',
    Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xc0, 0x22, 0x7d]),
    json,
    handled,
  );
  if (!fixture.body || !op.bodySchema) return cases;

  const valid = fixture.body(world);
  if (valid !== null && typeof valid === 'object' && !Array.isArray(valid)) {
    add('a NUL in a field name', request({ body: { ...valid, 'a\u0000b': 1 } }), validation());
  }
  for (const node of nodes(valid)) {
    const field = node.path.join('.');
    const schema = schemaAt(op.bodySchema, node.path);
    const allowed = typesOf(schema);
    for (const [label, wrong] of Object.entries(wrongTypes(node.value))) {
      // A float where the schema takes any number is not a wrong type, nor a number where it takes one.
      if (label === 'float' && !allowed.includes('integer')) continue;
      if (typeof wrong === 'number' && typeof node.value !== 'number' && allowed.includes('number')) continue;
      add(
        `body ${field}: ${label} instead of ${JSON.stringify(node.value).slice(0, 30)}`,
        request({ body: setAt(valid, node.path, wrong) }),
        validation(field),
      );
    }
    if (typeof node.value !== 'string') continue;
    for (const [label, text] of Object.entries(UNSAFE_STRINGS)) {
      add(`body ${field}: ${label}`, request({ body: setAt(valid, node.path, text) }), validation(field));
    }
    for (const [label, text] of Object.entries(HOSTILE_STRINGS)) {
      add(`body ${field}: ${label}`, request({ body: setAt(valid, node.path, text) }), handled);
    }
  }
  return cases;
}

function queryCases(
  param: { name: string; schema: JsonSchema },
  query: Record<string, string>,
  world: World,
  request: (o: { query: Record<string, string> }) => HostileRequest,
  add: (name: string, req: HostileRequest, expect: HostileCase['expect']) => void,
): void {
  const withValue = (encoded: string) => request({ query: { ...encodeAll(query), [param.name]: encoded } });
  const { schema } = param;
  const field = param.name;
  add(
    `query ${field}: repeated`,
    request({ query: { ...encodeAll(query), [field]: `a&${field}=b` } }),
    validation(field),
  );
  add(`query ${field}: NUL byte`, withValue('ab%00cd'), validation(field));
  add(
    `query ${field}: invalid UTF-8`,
    withValue('%ED%A0%80%FF'),
    schema.type === 'string' && !schema.enum ? handled : validation(field),
  );
  if (schema.type === 'integer') {
    for (const value of NUMBER_QUERY_VALUES) {
      const accepted = acceptsInteger(decodeURIComponent(value), schema.minimum, schema.maximum);
      add(
        `query ${field}=${JSON.stringify(value)}`,
        withValue(encodeURIComponent(value)),
        accepted ? handled : validation(field),
      );
    }
    return;
  }
  const strings = { ...HOSTILE_STRINGS, ...(field === 'cursor' ? hostileCursors(world.shaderId) : {}) };
  for (const [label, text] of Object.entries(strings)) {
    const encoded = encodeURIComponent(text);
    const tooLong = schema.maxLength !== undefined && text.trim().length > schema.maxLength;
    const expect =
      encoded.length > 8_000
        ? ({ kind: 'transport' } as const)
        : schema.enum
          ? validation(field)
          : tooLong
            ? validation(field)
            : handled;
    add(`query ${field}: ${label}`, withValue(encoded), expect);
  }
}
