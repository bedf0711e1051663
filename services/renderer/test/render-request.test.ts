import { imageOnly, renderRequestSchema } from '@fractafrag/contracts';
import { describe, expect, it } from 'vitest';
import { previewTimes } from '../src/render.service.ts';

const source = imageOnly('void mainImage(out vec4 c, in vec2 p) { c = vec4(1.0); }');

describe('render request', () => {
  it('keeps the old shape working: a 640x360 WebP thumbnail at 2 s', () => {
    expect(renderRequestSchema.parse({ source })).toMatchObject({
      kind: 'thumbnail',
      width: 640,
      height: 360,
      time: 2,
      format: 'webp',
    });
    expect(
      renderRequestSchema.parse({ source, width: 320, height: 180, time: 0.5, format: 'png' }),
    ).toMatchObject({
      width: 320,
      height: 180,
      time: 0.5,
      format: 'png',
    });
  });

  it('sizes a poster 1280x720 and a preview 480x270 from time 0, unless told otherwise', () => {
    expect(renderRequestSchema.parse({ source, kind: 'poster' })).toMatchObject({
      width: 1280,
      height: 720,
      time: 2,
    });
    expect(renderRequestSchema.parse({ source, kind: 'preview' })).toMatchObject({
      width: 480,
      height: 270,
      time: 0,
      duration: 3,
      fps: 15,
    });
    expect(renderRequestSchema.parse({ source, kind: 'poster', width: 800, height: 450 })).toMatchObject({
      width: 800,
      height: 450,
    });
  });

  it('turns a frame number into its time on the 30 fps simulation grid', () => {
    expect(renderRequestSchema.parse({ source, frame: 45 }).time).toBe(1.5);
  });

  it('defaults the mouse to pressed where it is, and refuses contradictions', () => {
    expect(renderRequestSchema.parse({ source, mouse: { x: 3, y: 4 } }).mouse).toEqual({
      x: 3,
      y: 4,
      down: true,
      clicked: false,
    });
    expect(renderRequestSchema.safeParse({ source, time: 1, frame: 30 }).success).toBe(false);
    expect(renderRequestSchema.safeParse({ source, kind: 'preview', format: 'png' }).success).toBe(false);
    expect(renderRequestSchema.safeParse({ source, kind: 'preview', duration: 60 }).success).toBe(false);
  });

  it('spaces preview frames evenly over the span', () => {
    const request = renderRequestSchema.parse({ source, kind: 'preview', time: 1, duration: 2, fps: 4 });
    expect(previewTimes(request)).toEqual({ times: [1, 1.25, 1.5, 1.75, 2, 2.25, 2.5, 2.75], end: 3 });
  });
});
