import { describe, expect, it } from 'vitest';
import { exportShadertoy, importShadertoy, ShadertoyImportError } from '../src/shadertoy-json.ts';
import type { ShaderSource } from '../src/types.ts';

const MAIN = (body: string) => `void mainImage(out vec4 c, in vec2 p) { ${body} }`;
const RGBA_MEDIUM = '/media/a/f735bee5b64ef98879dc618b016ecf7939a5756040c2cde21ccb15e69a6e1cfb.png';
const GRAY_MEDIUM = '/media/a/0c7bf5fe9462d5bffbd11126e82908e39be3ce56220d900f633d58fb432e56f5.png';
const LONDON = '/media/a/8de3a3924cb95bd0e95a443fff0326c869f9d4979cd1d5b6e94e2a01f5be53e9.jpg';

/** A feedback shader as Shadertoy's API returns it: Image first, then Buffer B, Common, Buffer A. */
const apiShape = {
  Shader: {
    ver: '0.1',
    info: {
      id: 'XsXXDn',
      name: 'Trail & Noise',
      username: 'someone',
      description: 'A feedback trail',
      tags: ['Feedback', 'multi pass', 'noise'],
    },
    renderpass: [
      {
        type: 'image',
        name: 'Image',
        code: MAIN('c = texture(iChannel1, p);'),
        inputs: [
          { id: 258, src: '/media/previz/buffer01.png', ctype: 'buffer', channel: 1 },
          { id: 17, src: RGBA_MEDIUM, ctype: 'texture', channel: 0 },
        ],
        outputs: [{ id: 37, channel: 0 }],
      },
      {
        type: 'buffer',
        name: 'Buffer B',
        code: MAIN('c = texture(iChannel0, p) * 0.5;'),
        inputs: [{ id: 257, src: '/media/previz/buffer00.png', ctype: 'buffer', channel: 0 }],
        outputs: [{ id: 258, channel: 0 }],
      },
      { type: 'common', name: 'Common', code: '#define TAU 6.2831853', inputs: [], outputs: [] },
      {
        type: 'buffer',
        name: 'Buffer A',
        code: MAIN('c = texture(iChannel0, p) + texture(iChannel2, p);'),
        inputs: [
          { id: 257, src: '/media/previz/buffer00.png', ctype: 'buffer', channel: 0 },
          { id: 30, src: GRAY_MEDIUM, ctype: 'texture', channel: 2 },
        ],
        outputs: [{ id: 257, channel: 0 }],
      },
    ],
  },
};

/** The same shader as the site's bare array, with string ids, `type` and `filepath`. */
const siteShape = [
  {
    ver: '0.1',
    info: { id: 'XsXXDn', name: 'Trail & Noise', description: 'A feedback trail', tags: ['feedback'] },
    renderpass: [
      {
        type: 'buffer',
        name: 'Buffer A',
        code: MAIN('c = texture(iChannel0, p) + texture(iChannel2, p);'),
        inputs: [
          { id: '4dXGR8', filepath: '/media/previz/buffer00.png', type: 'buffer', channel: 0 },
          { id: '4dXGzn', filepath: GRAY_MEDIUM, type: 'texture', channel: 2 },
        ],
        outputs: [{ id: '4dXGR8', channel: 0 }],
      },
      {
        type: 'image',
        name: 'Image',
        code: MAIN('c = texture(iChannel1, p);'),
        inputs: [
          { id: 'XsXGR8', filepath: '/media/previz/buffer01.png', type: 'buffer', channel: 1 },
          { id: 'Xsf3zn', filepath: RGBA_MEDIUM, type: 'texture', channel: 0 },
        ],
        outputs: [{ id: '4dfGRr', channel: 0 }],
      },
      { type: 'common', name: 'Common', code: '#define TAU 6.2831853', inputs: [], outputs: [] },
      {
        type: 'buffer',
        name: 'Buffer B',
        code: MAIN('c = texture(iChannel0, p) * 0.5;'),
        inputs: [{ id: '4dXGR8', filepath: '/media/previz/buffer00.png', type: 'buffer', channel: 0 }],
        outputs: [{ id: 'XsXGR8', channel: 0 }],
      },
    ],
  },
];

const expectedSource = {
  common: '#define TAU 6.2831853',
  passes: [
    {
      name: 'Buffer A',
      code: MAIN('c = texture(iChannel0, p) + texture(iChannel2, p);'),
      channels: [{ kind: 'buffer', pass: 'Buffer A' }, null, { kind: 'texture', name: 'gray-noise-256' }],
    },
    {
      name: 'Buffer B',
      code: MAIN('c = texture(iChannel0, p) * 0.5;'),
      channels: [{ kind: 'buffer', pass: 'Buffer A' }],
    },
    {
      name: 'Image',
      code: MAIN('c = texture(iChannel1, p);'),
      channels: [
        { kind: 'texture', name: 'rgba-noise-256' },
        { kind: 'buffer', pass: 'Buffer B' },
      ],
    },
  ],
};

function importError(json: unknown): ShadertoyImportError {
  try {
    importShadertoy(json);
  } catch (err) {
    if (err instanceof ShadertoyImportError) return err;
    throw err;
  }
  throw new Error('expected the import to fail');
}

/** A one-pass shader whose Image pass has a single input of the given Shadertoy type. */
const withInput = (input: Record<string, unknown>) => ({
  Shader: {
    info: { name: 'x' },
    renderpass: [{ type: 'image', name: 'Image', code: MAIN('c = vec4(1);'), inputs: [input], outputs: [] }],
  },
});

describe('importShadertoy', () => {
  it('reads the API shape: passes in our order, Common, buffers wired by numeric output id', () => {
    const { meta, source, warnings } = importShadertoy(apiShape);
    expect(source).toEqual(expectedSource);
    expect(meta).toEqual({
      title: 'Trail & Noise',
      description: 'A feedback trail',
      tags: ['feedback', 'multi-pass', 'noise'],
      shadertoyId: 'XsXXDn',
      username: 'someone',
    });
    expect(warnings).toEqual([]);
  });

  it("reads the site's bare array with string ids, type and filepath to the same source", () => {
    expect(importShadertoy(siteShape).source).toEqual(expectedSource);
  });

  it('wires buffers by output id, not by pass name or position', () => {
    // Buffer passes named confusingly and listed in reverse: only the output ids say which is which.
    const json = structuredClone(siteShape);
    const passes = json[0]!.renderpass;
    passes.reverse();
    for (const p of passes) if (p.type === 'buffer') p.name = 'Buf';
    expect(importShadertoy(json).source).toEqual(expectedSource);
  });

  it('accepts a bare { info, renderpass } object and buffer inputs known only by their preview file', () => {
    const json = {
      info: { name: 'Bare' },
      renderpass: [
        {
          type: 'image',
          code: MAIN('c = texture(iChannel0, p);'),
          inputs: [{ filepath: '/media/previz/buffer03.png', type: 'buffer', channel: 0 }],
        },
        {
          type: 'buffer',
          name: 'Buffer D',
          code: MAIN('c = vec4(1);'),
          outputs: [{ id: 'XdfGR8', channel: 0 }],
        },
      ],
    };
    const { source } = importShadertoy(json);
    expect(source.passes.map((p) => p.name)).toEqual(['Buffer D', 'Image']);
    expect(source.passes[1]!.channels).toEqual([{ kind: 'buffer', pass: 'Buffer D' }]);
  });

  it('falls back to a built-in noise for other textures and says so in a warning', () => {
    const { source, warnings } = importShadertoy(
      withInput({ ctype: 'texture', src: LONDON, channel: 3, sampler: { filter: 'nearest', wrap: 'clamp' } }),
    );
    expect(source.passes[0]!.channels).toEqual([
      null,
      null,
      null,
      { kind: 'texture', name: 'rgba-noise-256' },
    ]);
    expect(warnings).toEqual([
      'Image, iChannel3: the texture "London" is not available here; bound rgba-noise-256 instead',
      'Image, iChannel3: sampler nearest/clamp is not supported; uses mipmap/repeat',
    ]);
    const gray = importShadertoy(withInput({ type: 'texture', id: '4sf3Rn', channel: 0 }));
    expect(gray.source.passes[0]!.channels).toEqual([{ kind: 'texture', name: 'gray-noise-256' }]);
    expect(gray.warnings[0]).toMatch(/Gray Noise Small/);
  });

  it.each([
    ['keyboard', /keyboard input is not supported/],
    ['webcam', /webcam input is not supported/],
    ['video', /video input is not supported/],
    ['music', /music input is not supported/],
    ['musicstream', /music \(SoundCloud\) input is not supported/],
    ['mic', /microphone input is not supported/],
    ['cubemap', /cubemap input is not supported/],
    ['volume', /volume texture input is not supported/],
  ])('refuses a %s input with an error naming the pass and channel', (type, message) => {
    const err = importError(withInput({ ctype: type, channel: 2 }));
    expect(err.message).toMatch(message);
    expect(err.message).toMatch(/^Image, iChannel2: /);
    expect(err.issues).toEqual([{ path: 'renderpass[0].inputs[0]', message: err.message }]);
  });

  it('refuses Sound and Cubemap passes and lists every problem at once', () => {
    const json = structuredClone(apiShape) as { Shader: { renderpass: unknown[] } };
    json.Shader.renderpass.push(
      { type: 'sound', name: 'Sound', code: 'vec2 mainSound(int s, float t) { return vec2(0); }' },
      { type: 'cubemap', name: 'Cube A', code: MAIN('c = vec4(0);') },
    );
    const err = importError(json);
    expect(err.issues.map((i) => i.path)).toEqual(['renderpass[4]', 'renderpass[5]']);
    expect(err.message).toMatch(/^2 problems: .*Sound pass.*cubemap/);
  });

  it('rejects JSON that is not a shader, a missing Image pass and a buffer input with no such buffer', () => {
    expect(importError({ hello: 1 }).message).toMatch(/not Shadertoy JSON/);
    expect(importError({ Error: 'Shader not found' }).message).toMatch(/Shadertoy error reply/);
    expect(importError([]).message).toMatch(/empty/);
    expect(importError([siteShape[0], siteShape[0]]).message).toMatch(/one shader at a time/);
    const noImage = { Shader: { renderpass: [{ type: 'buffer', name: 'Buffer A', code: MAIN('') }] } };
    expect(importError(noImage).message).toMatch(/no Image pass/);
    expect(importError(withInput({ ctype: 'buffer', id: 'XsXGR8', channel: 0 })).message).toBe(
      'Image, iChannel0 reads Buffer B, which this JSON does not contain',
    );
  });
});

describe('exportShadertoy', () => {
  const meta = {
    id: '6f1c0a52-0000-4000-8000-000000000001',
    title: 'Trail & Noise',
    description: 'A feedback trail',
    tags: ['feedback', 'noise'],
    username: 'alice',
    visibility: 'unlisted' as const,
    createdAt: new Date('2025-01-02T03:04:05Z'),
  };

  it("writes the API shape with Shadertoy's buffer ids, preview files and noise media", () => {
    const json = exportShadertoy(meta, expectedSource as ShaderSource);
    expect(json.Shader.info).toMatchObject({ name: 'Trail & Noise', date: '1735787045', published: 2 });
    expect(json.Shader.renderpass.map((p) => [p.type, p.name, p.outputs[0]?.id])).toEqual([
      ['common', 'Common', undefined],
      ['buffer', 'Buffer A', '4dXGR8'],
      ['buffer', 'Buffer B', 'XsXGR8'],
      ['image', 'Image', '4dfGRr'],
    ]);
    expect(json.Shader.renderpass[3]!.inputs).toMatchObject([
      { ctype: 'texture', channel: 0, id: 'Xsf3zn', src: RGBA_MEDIUM },
      { ctype: 'buffer', channel: 1, id: 'XsXGR8', src: '/media/previz/buffer01.png' },
    ]);
  });

  it('round-trips through import without losing passes, Common, channels or metadata', () => {
    const back = importShadertoy(
      JSON.parse(JSON.stringify(exportShadertoy(meta, expectedSource as ShaderSource))),
    );
    expect(back.source).toEqual(expectedSource);
    expect(back.meta).toMatchObject({ title: meta.title, description: meta.description, tags: meta.tags });
    expect(back.warnings).toEqual([]);
  });
});
