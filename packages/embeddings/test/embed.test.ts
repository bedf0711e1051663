import { describe, expect, it } from 'vitest';
import {
  EMBEDDING_DIM,
  addToCentroid,
  cosine,
  embedShader,
  embedText,
  fromPgVector,
  toPgVector,
} from '../src/index.ts';

const norm = (v: number[]) => Math.sqrt(v.reduce((s, x) => s + x * x, 0));

describe('embedText', () => {
  it('returns a unit vector of the fixed dimension for any input, empty included', () => {
    for (const input of [
      'slow neon glow',
      '',
      'the',
      '???',
      { tags: ['noise'] },
      { code: 'void main(){}' },
    ]) {
      const v = embedText(input);
      expect(v).toHaveLength(EMBEDDING_DIM);
      expect(norm(v)).toBeCloseTo(1, 9);
    }
  });

  it('is deterministic: the same text always gives the same vector', () => {
    const text = { prompt: 'ocean waves at sunset', details: 'orange sky', tags: ['water'] };
    expect(embedText(text)).toEqual(embedText({ ...text }));
    expect(toPgVector(embedText('fractal zoom'))).toBe(toPgVector(embedText('fractal zoom')));
  });

  it('places paraphrases closer than unrelated requests', () => {
    const ragdoll = embedText('slow dark ragdoll physics with neon glow');
    const paraphrase = embedText('neon glowing ragdoll physics, slow and dark');
    const ocean = embedText('ocean waves at sunset');
    const ocean2 = embedText('sunset over the ocean with rolling waves');
    expect(cosine(ragdoll, paraphrase)).toBeGreaterThan(0.8);
    expect(cosine(ocean, ocean2)).toBeGreaterThan(0.6);
    expect(Math.abs(cosine(ragdoll, ocean))).toBeLessThan(0.2);
    expect(cosine(ragdoll, paraphrase)).toBeGreaterThan(cosine(ragdoll, ocean2));
  });

  it('weighs a title word above the same word in a long description', () => {
    const query = embedText('voronoi');
    const inTitle = embedText({
      title: 'Voronoi cells',
      description: 'glass panes with lead, light shining through',
    });
    const inText = embedText({
      title: 'Glass panes',
      description: 'voronoi cells with lead, light shining through',
    });
    expect(cosine(query, inTitle)).toBeGreaterThan(cosine(query, inText));
  });
});

describe('embedShader', () => {
  const torus = `float sdTorus(vec3 p, vec2 t) { return length(vec2(length(p.xz) - t.x, p.y)) - t.y; }
    float raymarchScene(vec3 ro, vec3 rd) { float t = 0.0; for (int i = 0; i < 64; i++) t += sdTorus(ro + rd * t, vec2(1.0, 0.3)); return t; }`;
  const voronoi = `vec2 cellPoint(vec2 cell) { return fract(sin(vec2(dot(cell, vec2(127.1, 311.7)))) * 43758.5); }
    float voronoiBorder(vec2 p) { return length(cellPoint(floor(p))); }`;

  it('lets code identifiers separate two shaders with the same uninformative title', () => {
    const a = embedShader({ title: 'Untitled', code: torus });
    const b = embedShader({ title: 'Untitled', code: [torus, '// common\n'] });
    const c = embedShader({ title: 'Untitled', code: voronoi });
    expect(cosine(a, b)).toBeGreaterThan(cosine(a, c));
  });

  it('brings a shader near a request that names what it shows', () => {
    const shader = embedShader({
      title: 'Torus tunnel',
      description: 'A raymarched torus',
      tags: ['raymarching', 'sdf'],
      code: torus,
    });
    expect(cosine(embedText('raymarched torus'), shader)).toBeGreaterThan(
      cosine(embedText('voronoi stained glass'), shader),
    );
  });
});

describe('vector helpers', () => {
  it('round-trips the pgvector text literal', () => {
    const v = embedText('aurora over mountains');
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
