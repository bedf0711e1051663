import { describe, expect, it } from 'vitest';
import { labelFromText, splitIdentifier, stem, tokenizeCode, tokenizeProse } from '../src/index.ts';

describe('identifier splitting', () => {
  it('splits camelCase, PascalCase, snake_case, SCREAMING_CASE and digit boundaries', () => {
    expect(splitIdentifier('sdRoundBox')).toEqual(['sd', 'round', 'box']);
    expect(splitIdentifier('FbmNoise')).toEqual(['fbm', 'noise']);
    expect(splitIdentifier('star_field_layer')).toEqual(['star', 'field', 'layer']);
    expect(splitIdentifier('HW_PERFORMANCE')).toEqual(['hw', 'performance']);
    expect(splitIdentifier('HTMLParser')).toEqual(['html', 'parser']);
    expect(splitIdentifier('hash22')).toEqual(['hash']);
  });
});

describe('code tokens', () => {
  it('keeps the words of user identifiers and comments and drops GLSL keywords, built-ins, uniforms, swizzles and numbers', () => {
    const code = `
      // glowing tunnel
      #define HW_PERFORMANCE 1
      float sdTorus(vec3 p, vec2 t) { return length(vec2(length(p.xz) - t.x, p.y)) - t.y; }
      vec3 palette_warm(float h) { return 0.5 + 0.5 * cos(6.2831 * (h + vec3(0.0, 0.33, 0.67))); }
      void mainImage(out vec4 fragColor, in vec2 fragCoord) {
        vec2 uv = fragCoord / iResolution.xy;
        fragColor = vec4(palette_warm(sdTorus(vec3(uv, iTime), vec2(1.0e-2, 2.0f))).rgb, 1.0);
      }`;
    expect(tokenizeCode(code)).toEqual([
      'glow',
      'tunnel',
      'sd',
      'torus',
      'palet',
      'warm',
      'palet',
      'warm',
      'sd',
      'torus',
    ]);
  });
});

describe('prose tokens', () => {
  it('drops stopwords and stems inflections onto one token', () => {
    expect(tokenizeProse('I would like glowing waves, please')).toEqual(['glow', 'wav']);
    expect(tokenizeProse('wave waves waving waved')).toEqual(['wav', 'wav', 'wav', 'wav']);
    expect(stem('bodies')).toBe('body');
    expect(stem('spinning')).toBe('spin');
  });

  it('keeps 2d and 3d as words', () => {
    expect(tokenizeProse('a 3D scene in 2d')).toEqual(['3d', 'scen', '2d']);
  });
});

describe('labels', () => {
  it('labels a text with its first content words, one per stem', () => {
    expect(labelFromText('Slow dark ragdoll physics with neon glow')).toBe('slow dark ragdoll physics');
    expect(labelFromText('waves, more waves and waving')).toBe('waves');
  });
});
