import { describe, expect, it } from 'vitest';
import {
  EMBEDDING_DIM,
  LEXICAL_SHARE,
  SEMANTIC_DIM,
  addToCentroid,
  cosine,
  embedShader,
  embedText,
  embedTexts,
  fromPgVector,
  hashEmbedText,
  toPgVector,
} from '../src/index.ts';
import { loadProjection } from '../src/projection.ts';

const norm = (v: number[]) => Math.sqrt(v.reduce((s, x) => s + x * x, 0));

describe('embedText', () => {
  it('returns a unit vector of the fixed dimension for any input, empty included', async () => {
    for (const input of [
      'slow neon glow',
      '',
      'the',
      '???',
      { tags: ['noise'] },
      { code: 'void main(){}' },
    ]) {
      const v = await embedText(input);
      expect(v).toHaveLength(EMBEDDING_DIM);
      expect(norm(v)).toBeCloseTo(1, 9);
    }
  });

  it('is deterministic, batched or not: the same text always gives the same vector', async () => {
    const text = { prompt: 'ocean waves at sunset', details: 'orange sky', tags: ['water'] };
    const [batched] = await embedTexts([text, 'something else entirely']);
    const single = await embedText({ ...text });
    expect(cosine(batched!, single)).toBeGreaterThan(0.99999);
    expect(toPgVector(await embedText('fractal zoom'))).toBe(toPgVector(await embedText('fractal zoom')));
  });

  it('places paraphrases well above unrelated requests, with a gap for the clustering threshold', async () => {
    const [ragdoll, paraphrase, ocean, ocean2, calmSea, mandelbrot, synthwave] = await embedTexts([
      'slow dark ragdoll physics with neon glow',
      'neon glowing ragdoll physics, slow and dark',
      'ocean waves at sunset',
      'sunset over the ocean with rolling waves',
      'calm sea at sunset',
      'mandelbrot deep zoom',
      'retro synthwave grid',
    ]);
    expect(cosine(ragdoll!, paraphrase!)).toBeGreaterThan(0.85);
    expect(cosine(ocean!, ocean2!)).toBeGreaterThan(0.75);
    // Shares no word with "ocean waves at sunset" but means nearly the same: only the encoder sees it.
    expect(cosine(ocean!, calmSea!)).toBeGreaterThan(0.6);
    for (const other of [ragdoll!, mandelbrot!, synthwave!]) expect(cosine(ocean!, other)).toBeLessThan(0.45);
  });

  it('splits each cosine between the meaning block and the word block as documented', async () => {
    const v = await embedText('glowing jellyfish');
    const norm2 = (xs: number[]) => xs.reduce((s, x) => s + x * x, 0);
    expect(norm2(v.slice(0, SEMANTIC_DIM))).toBeCloseTo(1 - LEXICAL_SHARE, 9);
    expect(norm2(v.slice(SEMANTIC_DIM))).toBeCloseTo(LEXICAL_SHARE, 9);
  });

  it('weighs a title word above the same word in a long description', async () => {
    const [query, inTitle, inText] = await embedTexts([
      'voronoi',
      { title: 'Voronoi cells', description: 'glass panes with lead, light shining through' },
      { title: 'Glass panes', description: 'voronoi cells with lead, light shining through' },
    ]);
    expect(cosine(query!, inTitle!)).toBeGreaterThan(cosine(query!, inText!));
  });
});

describe('hashEmbedText (the previous embedder, kept as a baseline)', () => {
  it('is a synchronous unit vector of the same dimension', () => {
    const v = hashEmbedText('slow neon glow');
    expect(v).toHaveLength(EMBEDDING_DIM);
    expect(norm(v)).toBeCloseTo(1, 9);
  });
});

describe('embedShader', () => {
  const torus = `float sdTorus(vec3 p, vec2 t) { return length(vec2(length(p.xz) - t.x, p.y)) - t.y; }
    float raymarchScene(vec3 ro, vec3 rd) { float t = 0.0; for (int i = 0; i < 64; i++) t += sdTorus(ro + rd * t, vec2(1.0, 0.3)); return t; }`;
  const voronoi = `vec2 cellPoint(vec2 cell) { return fract(sin(vec2(dot(cell, vec2(127.1, 311.7)))) * 43758.5); }
    float voronoiBorder(vec2 p) { return length(cellPoint(floor(p))); }`;

  it('lets code identifiers separate two shaders with the same uninformative title', async () => {
    const a = await embedShader({ title: 'Untitled', code: torus });
    const b = await embedShader({ title: 'Untitled', code: [torus, '// common\n'] });
    const c = await embedShader({ title: 'Untitled', code: voronoi });
    expect(cosine(a, b)).toBeGreaterThan(cosine(a, c));
  });

  it('brings a shader near a request that names what it shows', async () => {
    const shader = await embedShader({
      title: 'Torus tunnel',
      description: 'A raymarched torus',
      tags: ['raymarching', 'sdf'],
      code: torus,
    });
    expect(cosine(await embedText('raymarched torus'), shader)).toBeGreaterThan(
      cosine(await embedText('voronoi stained glass'), shader),
    );
  });
});

describe('vector helpers', () => {
  it('round-trips the pgvector text literal', async () => {
    const v = await embedText('aurora over mountains');
    expect(toPgVector(v)).toMatch(/^\[-?[0-9.e-]+(,-?[0-9.e-]+){255}\]$/);
    expect(fromPgVector(toPgVector(v))).toEqual(v);
    expect(toPgVector([1, Number.NaN, -0.5])).toBe('[1,0,-0.5]');
  });

  it('cosine is 1 for the same direction, -1 for opposite and 0 for a zero vector', () => {
    expect(cosine([1, 2], [2, 4])).toBeCloseTo(1);
    expect(cosine([1, 0], [-3, 0])).toBeCloseTo(-1);
    expect(cosine([0, 0], [1, 1])).toBe(0);
    expect(() => cosine([1], [1, 2])).toThrow(/different length/);
  });

  it('moves a centroid towards a new member by its share of the running mean', () => {
    const c = addToCentroid([1, 0], 3, [0, 1]);
    expect(norm(c)).toBeCloseTo(1);
    expect(c[1]! / c[0]!).toBeCloseTo(1 / 3);
  });
});

describe('the fitted semantic projection', () => {
  it('is SEMANTIC_DIM orthonormal directions of the encoder space, read from the committed file', () => {
    const basis = loadProjection(SEMANTIC_DIM, 512);
    expect(basis).toHaveLength(SEMANTIC_DIM);
    const dot = (a: Float64Array, b: Float64Array) => a.reduce((s, x, i) => s + x * b[i]!, 0);
    for (const [i, j] of [
      [0, 0],
      [0, 1],
      [5, 100],
      [191, 191],
      [17, 190],
    ] as const) {
      expect(dot(basis[i]!, basis[j]!)).toBeCloseTo(i === j ? 1 : 0, 5);
    }
    expect(() => loadProjection(SEMANTIC_DIM + 1, 512)).toThrow(/fit-semantic-projection/);
  });
});
