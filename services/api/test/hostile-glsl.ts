import { randomBytes } from 'node:crypto';
import type { Expectation, HostileCase } from './hostile-checks.ts';
import type { World } from './hostile-world.ts';

/**
 * GLSL that is enormous (over the 64 KiB a pass may hold, or over the JSON limit) or built to make
 * a compiler spin, overflow or crash. Sizes are checked at the edge (413/422); what passes the edge
 * reaches the real renderer, whose pre-check and deadlines turn it into a 422 for a preview.
 */
const main = (body: string) => `void mainImage(out vec4 c, in vec2 p) {\n${body}\n}`;

/** 2^levels terms of `1.0 +`: valid syntax all the way, so nothing stops the expansion early. */
function macroBomb(levels: number): string {
  const lines = ['#define A0 1.0 +'];
  for (let i = 1; i <= levels; i += 1) lines.push(`#define A${i} A${i - 1} A${i - 1}`);
  return `${lines.join('\n')}\n${main(`float x = A${levels} 1.0; c = vec4(x);`)}`;
}

/** Printable and control bytes (no NUL, which the edge refuses on its own). */
function binaryGarbage(bytes: number): string {
  return [...randomBytes(bytes)].map((b) => String.fromCharCode(b === 0 ? 1 : b)).join('');
}

const ENORMOUS: Record<string, string> = {
  'a pass over 64 KiB': main(`// ${'x'.repeat(65 * 1024)}`),
  'a 1 MB single line': main(`float a = 1.0;${' a = a + 1.0;'.repeat(80_000)}`),
  'a pass over 64 KiB in UTF-8 bytes only': main(`// ${'€'.repeat(22_000)}`),
  'nesting 100k parentheses deep': main(`float f = ${'('.repeat(100_000)}1.0${')'.repeat(100_000)};`),
};

const CRASHERS: Record<string, string> = {
  'nesting 30k parentheses deep': main(
    `float f = ${'('.repeat(30_000)}1.0${')'.repeat(30_000)}; c = vec4(f);`,
  ),
  'nesting 20k blocks deep': main(`${'{'.repeat(20_000)}c = vec4(1.0);${'}'.repeat(20_000)}`),
  'a macro bomb (2^40 tokens)': macroBomb(40),
  'a self-referential macro': `#define A A A\n${main('float A = 1.0; c = vec4(A);')}`,
  'binary garbage': binaryGarbage(30_000),
  'a 60 KB identifier': main(`float ${'a'.repeat(60_000)} = 1.0; c = vec4(1.0);`),
  'a 100M-element array': main('float a[100000000]; a[0] = 1.0; c = vec4(a[0]);'),
  'an endless loop': main('for (;;) { c += vec4(0.001); }'),
  // Not provably endless, so the compiler lets it through: the renderer's deadline has to end it.
  'a loop of 10^16 iterations': main(
    'c = vec4(0.0);\nfor (int i = 0; i < 100000000; i++) { for (int j = 0; j < 100000000; j++) { c += vec4(sin(float(i * j))); } }',
  ),
};

const source = (code: string) => ({ passes: [{ name: 'Image', code }] });
const shadertoy = (code: string) => ({
  Shader: {
    info: { name: 'Bomb', description: '', tags: [] },
    renderpass: [{ type: 'image', name: 'Image', code, inputs: [], outputs: [{ id: '4dfGRr', channel: 0 }] }],
  },
});

interface Endpoint {
  name: string;
  method: string;
  url: (w: World) => string;
  body: (code: string) => unknown;
  /** What a source that reaches the compiler but cannot run should get. */
  crasher: Expectation;
}

const ENDPOINTS: Endpoint[] = [
  {
    name: 'POST /shaders/render',
    method: 'POST',
    url: () => '/api/v1/shaders/render',
    body: (code) => ({ source: source(code), width: 64, height: 64 }),
    crasher: { kind: 'refused', status: [422] },
  },
  // Validation answers 200 { ok: false, errors } for a source that does not compile.
  {
    name: 'POST /shaders/validate',
    method: 'POST',
    url: () => '/api/v1/shaders/validate',
    body: (code) => ({ source: source(code) }),
    crasher: { kind: 'handled' },
  },
  // Saving does not compile: the draft is stored and its render job records the failure.
  {
    name: 'POST /shaders',
    method: 'POST',
    url: () => '/api/v1/shaders',
    body: (code) => ({ title: 'Bomb', source: source(code) }),
    crasher: { kind: 'handled' },
  },
  {
    name: 'PATCH /shaders/{id}',
    method: 'PATCH',
    url: (w) => `/api/v1/shaders/${w.shaderId}`,
    body: (code) => ({ source: source(code) }),
    crasher: { kind: 'handled' },
  },
  {
    name: 'POST /shaders/import',
    method: 'POST',
    url: () => '/api/v1/shaders/import',
    body: (code) => shadertoy(code),
    crasher: { kind: 'handled' },
  },
];

export function glslCases(world: World): HostileCase[] {
  const headers = { authorization: `Bearer ${world.owner.token}`, 'content-type': 'application/json' };
  return ENDPOINTS.flatMap((endpoint) => {
    const request = (code: string) => ({
      method: endpoint.method,
      url: endpoint.url(world),
      headers,
      body: JSON.stringify(endpoint.body(code)),
    });
    return [
      {
        name: `${endpoint.name}: 3 MB of code`,
        request: request('x'.repeat(3 * 1024 * 1024)),
        expect: { kind: 'refused', status: [413], code: 'payload_too_large' } as const,
      },
      {
        name: `${endpoint.name}: code with a NUL byte`,
        request: request(main('c = vec4(1.0);\u0000')),
        expect: { kind: 'refused', status: [422], code: 'validation_failed' } as const,
      },
      ...Object.entries(ENORMOUS).map(([label, code]) => ({
        name: `${endpoint.name}: ${label}`,
        request: request(code),
        expect: { kind: 'refused', status: [413, 422] } as const,
      })),
      ...Object.entries(CRASHERS).map(([label, code]) => ({
        name: `${endpoint.name}: ${label}`,
        request: request(code),
        expect: endpoint.crasher,
      })),
    ];
  });
}
