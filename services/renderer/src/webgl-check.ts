import { setTimeout as sleep } from 'node:timers/promises';
import type { GlBackend, LaunchedBrowser } from './chromium.ts';
import type { WebGlProbe } from './page-protocol.ts';
import { probeWebGl } from './render-page.ts';

/** Chromium offers no WebGL2 here: the renderer cannot draw a thing, so it must not start. */
export class WebGlUnavailableError extends Error {}

export interface WebGlCheckOptions {
  launch: () => Promise<LaunchedBrowser>;
  pageUrl: string;
  backend: GlBackend;
}

export interface WebGlCheck {
  probe: WebGlProbe;
  /** Set when the driver is not the one the backend asks for (Chromium fell back to another). */
  warning: string | null;
}

/** A GPU process that is still starting can refuse a context once; a disabled WebGL always does. */
const PROBE_ATTEMPTS = 3;
const PROBE_RETRY_MS = 300;

const EXPECTED_DRIVER: Partial<Record<GlBackend, RegExp>> = {
  swiftshader: /swiftshader/i,
  llvmpipe: /llvmpipe/i,
};

export function describeUnavailable(probe: WebGlProbe, backend: GlBackend): string {
  const found = probe.renderer
    ? `only WebGL1 (UNMASKED_RENDERER_WEBGL: ${probe.renderer})`
    : 'no WebGL context at all';
  return (
    `WebGL2 is not available in Chromium with RENDERER_GL_BACKEND=${backend}: it offers ${found}. ` +
    'The renderer cannot draw shaders without it, so it does not start. Check RENDERER_GL_BACKEND ' +
    '(swiftshader works on any machine), RENDERER_CHROMIUM_FLAGS (a flag such as --disable-webgl or ' +
    '--disable-gpu turns WebGL off) and CHROMIUM_PATH.'
  );
}

/** Launches one browser, reads what WebGL it offers, and refuses when WebGL2 is missing. */
export async function checkWebGl2({ launch, pageUrl, backend }: WebGlCheckOptions): Promise<WebGlCheck> {
  const launched = await launch();
  try {
    let probe = await probeWebGl(launched.browser, pageUrl);
    for (let attempt = 1; attempt < PROBE_ATTEMPTS && !probe.webgl2; attempt++) {
      await sleep(PROBE_RETRY_MS);
      probe = await probeWebGl(launched.browser, pageUrl);
    }
    if (!probe.webgl2) throw new WebGlUnavailableError(describeUnavailable(probe, backend));
    const expected = EXPECTED_DRIVER[backend];
    const warning =
      expected && !expected.test(probe.renderer ?? '')
        ? `RENDERER_GL_BACKEND=${backend} but Chromium draws with ${probe.renderer}`
        : null;
    return { probe, warning };
  } finally {
    await launched.close();
  }
}
