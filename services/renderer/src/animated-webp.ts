/**
 * Builds an animated WebP from WebP stills without re-encoding: each still's bitstream (its VP8 or
 * VP8L chunk, with ALPH when present) becomes one ANMF frame of a VP8X + ANIM container, as the
 * WebP container specification lays out. Chromium encodes the stills; no image library needed.
 */
export interface WebpChunk {
  fourcc: string;
  /** Payload, without the 8-byte header or the padding byte. */
  data: Buffer;
}

export interface AnimatedWebpOptions {
  width: number;
  height: number;
  /** WebP still files, all `width` x `height`. */
  frames: readonly Buffer[];
  /** Display time of each frame in milliseconds. */
  durationsMs: readonly number[];
  /** 0 loops forever. */
  loopCount?: number;
}

const MAX_24_BIT = 0xffffff;

/** Chunks laid end to end (a WebP body, or the frame data inside an ANMF chunk). */
export function readChunks(data: Buffer): WebpChunk[] {
  const chunks: WebpChunk[] = [];
  for (let offset = 0; offset + 8 <= data.length; ) {
    const size = data.readUInt32LE(offset + 4);
    if (offset + 8 + size > data.length) throw new Error('truncated WebP chunk');
    chunks.push({
      fourcc: data.toString('latin1', offset, offset + 4),
      data: data.subarray(offset + 8, offset + 8 + size),
    });
    offset += 8 + size + (size % 2);
  }
  return chunks;
}

/** The chunks of a RIFF/WEBP file, in order. */
export function readWebpChunks(file: Buffer): WebpChunk[] {
  if (
    file.length < 12 ||
    file.toString('latin1', 0, 4) !== 'RIFF' ||
    file.toString('latin1', 8, 12) !== 'WEBP'
  )
    throw new Error('not a WebP file');
  return readChunks(file.subarray(12, Math.min(file.length, 8 + file.readUInt32LE(4))));
}

function chunk(fourcc: string, data: Buffer): Buffer {
  const header = Buffer.alloc(8);
  header.write(fourcc, 0, 'latin1');
  header.writeUInt32LE(data.length, 4);
  return Buffer.concat([header, data, Buffer.alloc(data.length % 2)]);
}

const uint24 = (value: number) => {
  const bytes = Buffer.alloc(3);
  bytes.writeUIntLE(Math.max(0, Math.min(MAX_24_BIT, Math.round(value))), 0, 3);
  return bytes;
};

/** The image chunks of a still (ALPH then VP8, or VP8L) and whether it carries alpha. */
function frameBitstream(still: Buffer): { data: Buffer; alpha: boolean } {
  const chunks = readWebpChunks(still).filter((c) => ['ALPH', 'VP8 ', 'VP8L'].includes(c.fourcc));
  if (!chunks.some((c) => c.fourcc === 'VP8 ' || c.fourcc === 'VP8L'))
    throw new Error('WebP still without a VP8/VP8L bitstream');
  return {
    data: Buffer.concat(chunks.map((c) => chunk(c.fourcc, c.data))),
    alpha: chunks.some((c) => c.fourcc === 'ALPH' || c.fourcc === 'VP8L'),
  };
}

export function muxAnimatedWebp({
  width,
  height,
  frames,
  durationsMs,
  loopCount = 0,
}: AnimatedWebpOptions): Buffer {
  if (frames.length === 0) throw new Error('an animation needs at least one frame');
  if (durationsMs.length !== frames.length) throw new Error('one duration per frame');
  const bitstreams = frames.map(frameBitstream);
  const anmf = bitstreams.map(({ data }, i) =>
    chunk(
      'ANMF',
      Buffer.concat([
        uint24(0), // x offset / 2
        uint24(0), // y offset / 2
        uint24(width - 1),
        uint24(height - 1),
        uint24(durationsMs[i]!),
        Buffer.from([0b10]), // no blending (every frame covers the canvas), no disposal
        data,
      ]),
    ),
  );
  // The stills' colour profile (Chromium tags them sRGB) applies to the whole animation.
  const iccp = readWebpChunks(frames[0]!).find((c) => c.fourcc === 'ICCP');
  const vp8x = Buffer.alloc(10);
  vp8x[0] = 0x02 | (bitstreams.some((b) => b.alpha) ? 0x10 : 0) | (iccp ? 0x20 : 0); // animation, alpha, ICC
  vp8x.writeUIntLE(width - 1, 4, 3);
  vp8x.writeUIntLE(height - 1, 7, 3);
  const anim = Buffer.alloc(6);
  anim.writeUInt32LE(0xff000000, 0); // opaque black background (BGRA)
  anim.writeUInt16LE(loopCount, 4);
  const body = Buffer.concat([
    Buffer.from('WEBP', 'latin1'),
    chunk('VP8X', vp8x),
    ...(iccp ? [chunk('ICCP', iccp.data)] : []),
    chunk('ANIM', anim),
    ...anmf,
  ]);
  const riff = Buffer.alloc(8);
  riff.write('RIFF', 0, 'latin1');
  riff.writeUInt32LE(body.length, 4);
  return Buffer.concat([riff, body]);
}

/** Frame durations in whole milliseconds that add up to the span exactly (no drift). */
export function frameDurationsMs(times: readonly number[], endTime: number): number[] {
  const start = times[0] ?? 0;
  const at = (t: number) => Math.round((t - start) * 1000);
  return times.map((t, i) => at(times[i + 1] ?? endTime) - at(t));
}
