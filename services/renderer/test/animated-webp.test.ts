import { describe, expect, it } from 'vitest';
import { frameDurationsMs, muxAnimatedWebp, readChunks, readWebpChunks } from '../src/animated-webp.ts';

/** A WebP still shaped like Chromium's: VP8X, ICCP, then the bitstream (payloads are stand-ins). */
function still(bitstream: string, { alpha = false } = {}): Buffer {
  const chunk = (fourcc: string, data: Buffer) => {
    const header = Buffer.alloc(8);
    header.write(fourcc, 0, 'latin1');
    header.writeUInt32LE(data.length, 4);
    return Buffer.concat([header, data, Buffer.alloc(data.length % 2)]);
  };
  const body = Buffer.concat([
    Buffer.from('WEBP'),
    chunk('VP8X', Buffer.alloc(10)),
    chunk('ICCP', Buffer.from('srgb-profile')),
    ...(alpha ? [chunk('ALPH', Buffer.from('a'))] : []),
    chunk('VP8 ', Buffer.from(bitstream)),
  ]);
  const riff = Buffer.alloc(8);
  riff.write('RIFF', 0, 'latin1');
  riff.writeUInt32LE(body.length, 4);
  return Buffer.concat([riff, body]);
}

describe('animated WebP muxer', () => {
  it('wraps each still bitstream in an ANMF frame of a VP8X + ANIM container', () => {
    const file = muxAnimatedWebp({
      width: 480,
      height: 270,
      frames: [still('frame-one'), still('frame-2', { alpha: true })],
      durationsMs: [67, 66],
    });
    expect(file.readUInt32LE(4)).toBe(file.length - 8);
    const chunks = readWebpChunks(file);
    expect(chunks.map((c) => c.fourcc)).toEqual(['VP8X', 'ICCP', 'ANIM', 'ANMF', 'ANMF']);
    const [vp8x, , anim, first, second] = chunks;
    expect(vp8x!.data[0]).toBe(0x02 | 0x10 | 0x20); // animation, alpha, ICC profile
    expect([vp8x!.data.readUIntLE(4, 3) + 1, vp8x!.data.readUIntLE(7, 3) + 1]).toEqual([480, 270]);
    expect(anim!.data.readUInt16LE(4)).toBe(0); // loops forever
    for (const [frame, duration, payload] of [
      [first!, 67, [['VP8 ', 'frame-one']]],
      [
        second!,
        66,
        [
          ['ALPH', 'a'],
          ['VP8 ', 'frame-2'],
        ],
      ],
    ] as const) {
      expect(frame.data.readUIntLE(6, 3) + 1).toBe(480);
      expect(frame.data.readUIntLE(9, 3) + 1).toBe(270);
      expect(frame.data.readUIntLE(12, 3)).toBe(duration);
      expect(readChunks(frame.data.subarray(16)).map((c) => [c.fourcc, c.data.toString()])).toEqual(payload);
    }
  });

  it('refuses a file that is not a WebP', () => {
    expect(() =>
      muxAnimatedWebp({ width: 2, height: 2, frames: [Buffer.from('GIF89a....')], durationsMs: [10] }),
    ).toThrow(/not a WebP/);
  });

  it('gives frame durations that add up to the span exactly', () => {
    const times = Array.from({ length: 45 }, (_, k) => k / 15);
    const durations = frameDurationsMs(times, 3);
    expect(durations.reduce((a, b) => a + b, 0)).toBe(3000);
    expect(new Set(durations)).toEqual(new Set([66, 67]));
    // Frames skipped by a slow shader simply last longer.
    expect(frameDurationsMs([1, 1.2, 2.6], 4)).toEqual([200, 1400, 1400]);
  });
});
