import { decodePng, pixelAt } from '../../tests/support/png.ts';
import { startRenderer } from '../../tests/support/renderer-process.ts';
import { median, renderThroughService, uniqueCode } from './renderer-client.ts';
import { ENDLESS_LOOP, SHADER_MIX } from './shader-mix.ts';

/**
 * SwiftShader against Mesa llvmpipe, both through our renderer (pool of one): compile and draw
 * time per shader of the mix, whether the pixels match, how far a long legitimate loop gets, and
 * what an endless loop does.
 */
const BACKENDS = ['swiftshader', 'llvmpipe'] as const;
type Backend = (typeof BACKENDS)[number];
const RUNS = Number(process.env.BENCH_RASTERISER_RUNS ?? 5);
const SIZE = { width: 640, height: 360, time: 2 };
const DEADLINE_MS = 5000;
const LOOP_ITERATIONS = 100_000;
// The count comes back exactly, as 24 bits over red, green and blue.
const LONG_LOOP = `void mainImage(out vec4 c, in vec2 p) {
  int n = int(iResolution.x) * ${LOOP_ITERATIONS / 16};
  float x = 0.0;
  for (int i = 0; i < n; i++) x += 1.0;
  c = vec4(floor(x / 65536.0), floor(mod(x, 65536.0) / 256.0), mod(x, 256.0), 255.0) / 255.0;
}
`;

interface BackendRun {
  renderer: string;
  shaders: Map<string, { compileMs: number; drawMs: number; png: Buffer }>;
  loopIterations: number;
  endless: { status: number; ms: number };
}

async function runBackend(backend: Backend): Promise<BackendRun> {
  const service = await startRenderer({
    RENDERER_POOL_SIZE: '1',
    RENDERER_GL_BACKEND: backend,
    RENDER_TIMEOUT_MS: String(DEADLINE_MS),
    LOG_LEVEL: 'error',
    // Mesa keeps compiled shaders on disk: a new shader is never in it, so measure without it.
    MESA_SHADER_CACHE_DISABLE: 'true',
  });
  let serial = 0;
  try {
    const metrics = await (await fetch(`${service.url}/metrics`)).text();
    const renderer = /renderer_webgl_info\{[^}]*renderer="([^"]*)"/.exec(metrics)?.[1] ?? backend;
    const shaders = new Map<string, { compileMs: number; drawMs: number; png: Buffer }>();
    for (const shader of SHADER_MIX) {
      const runs = [];
      for (let i = 0; i < RUNS; i++) {
        const run = await renderThroughService(service.url, uniqueCode(shader.code, serial++), {
          ...SIZE,
          format: 'png',
        });
        if (run.status !== 200) throw new Error(`${backend}: ${shader.name} answered ${run.status}`);
        runs.push(run);
      }
      shaders.set(shader.name, {
        compileMs: median(runs.map((r) => r.compileMs)),
        drawMs: median(runs.map((r) => r.drawMs)),
        png: runs.at(-1)!.image,
      });
    }
    const loop = await renderThroughService(service.url, LONG_LOOP, {
      width: 16,
      height: 16,
      time: 0,
      format: 'png',
    });
    const [r, g, b] = pixelAt(decodePng(loop.image), 8, 8);
    const started = performance.now();
    const endless = await renderThroughService(service.url, ENDLESS_LOOP, SIZE);
    return {
      renderer,
      shaders,
      loopIterations: r * 65536 + g * 256 + b,
      endless: { status: endless.status, ms: performance.now() - started },
    };
  } finally {
    await service.stop();
  }
}

/** Largest channel difference and share of pixels that differ by more than 2 of 255. */
function pixelDifference(a: Buffer, b: Buffer): { maxDiff: number; differing: number } {
  const x = decodePng(a).rgba;
  const y = decodePng(b).rgba;
  let maxDiff = 0;
  let differing = 0;
  for (let i = 0; i < x.length; i += 4) {
    let pixelMax = 0;
    for (let c = 0; c < 3; c++) pixelMax = Math.max(pixelMax, Math.abs(x[i + c]! - y[i + c]!));
    maxDiff = Math.max(maxDiff, pixelMax);
    if (pixelMax > 2) differing++;
  }
  return { maxDiff, differing: differing / (x.length / 4) };
}

export async function compareRasterisers() {
  const runs = new Map<Backend, BackendRun>();
  for (const backend of BACKENDS) runs.set(backend, await runBackend(backend));
  return runs;
}

export function printRasteriserReport(runs: Map<Backend, BackendRun>): void {
  const swift = runs.get('swiftshader')!;
  const llvm = runs.get('llvmpipe')!;
  console.log(`\nrasteriser (pool of 1, 640x360 PNG, median of ${RUNS}):`);
  console.log(`  swiftshader: ${swift.renderer}\n  llvmpipe:    ${llvm.renderer}`);
  console.log(
    '| shader | swiftshader compile / draw ms | llvmpipe compile / draw ms | draw speed-up | max diff | pixels > 2 off |',
  );
  for (const { name } of SHADER_MIX) {
    const a = swift.shaders.get(name)!;
    const b = llvm.shaders.get(name)!;
    const diff = pixelDifference(a.png, b.png);
    console.log(
      `| ${name} | ${a.compileMs.toFixed(1)} / ${a.drawMs.toFixed(1)} | ${b.compileMs.toFixed(1)} / ${b.drawMs.toFixed(1)} | ` +
        `${(a.drawMs / b.drawMs).toFixed(1)}x | ${diff.maxDiff} | ${(diff.differing * 100).toFixed(2)}% |`,
    );
  }
  for (const [backend, run] of runs.entries()) {
    console.log(
      `  ${backend}: a ${LOOP_ITERATIONS}-iteration loop ran ${run.loopIterations} iterations; ` +
        `an endless loop answered ${run.endless.status} after ${run.endless.ms.toFixed(0)} ms`,
    );
  }
}
