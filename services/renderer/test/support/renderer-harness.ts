import { createLogger, loadConfig, rendererEnv } from '@fractafrag/core';
import { readWebpChunks } from '../../src/animated-webp.ts';
import { startRenderer, type RunningRenderer } from '../../src/server.ts';

/** An in-process renderer on a free port, with real Chromium, ready to render. */
export async function startTestRenderer(env: Record<string, string>): Promise<RunningRenderer> {
  const config = loadConfig(rendererEnv, env);
  const renderer = await startRenderer({ config, logger: createLogger('renderer', 'silent'), port: 0 });
  await waitUntil(async () => (await fetch(`${renderer.url}/ready`)).ok, 30_000);
  return renderer;
}

export async function waitUntil(
  condition: () => boolean | Promise<boolean>,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export function poster(renderer: RunningRenderer) {
  return (path: string, body: unknown) =>
    fetch(`${renderer.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
}

export const bytesOf = async (res: Response) => Buffer.from(await res.arrayBuffer());

/** Canvas size, frame count and frame durations of a WebP file (still or animated). */
export function webpInfo(file: Buffer): {
  width: number;
  height: number;
  animated: boolean;
  durationsMs: number[];
} {
  const chunks = readWebpChunks(file);
  const vp8x = chunks.find((c) => c.fourcc === 'VP8X');
  if (!vp8x) throw new Error('expected an extended (VP8X) WebP');
  const frames = chunks.filter((c) => c.fourcc === 'ANMF');
  return {
    width: vp8x.data.readUIntLE(4, 3) + 1,
    height: vp8x.data.readUIntLE(7, 3) + 1,
    animated: (vp8x.data[0]! & 0x02) !== 0 && chunks.some((c) => c.fourcc === 'ANIM'),
    durationsMs: frames.map((f) => f.data.readUIntLE(12, 3)),
  };
}
