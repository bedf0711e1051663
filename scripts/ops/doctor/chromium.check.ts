import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import { launchChromium, parseFlags, type GlBackend } from '../../../services/renderer/src/chromium.ts';
import { startPageServer } from '../../../services/renderer/src/page-server.ts';
import { checkWebGl2, WebGlUnavailableError } from '../../../services/renderer/src/webgl-check.ts';
import { errorMessage, fail, ok, warn, type CheckResult } from './check.ts';

export interface ChromiumCheckInput {
  CHROMIUM_PATH: string;
  RENDERER_GL_BACKEND: GlBackend;
  RENDERER_CHROMIUM_FLAGS: string;
}

const INSTALL_FIX =
  'install Chromium (make bootstrap runs apt-get install chromium), or set CHROMIUM_PATH to the browser binary (e.g. /usr/bin/chromium)';

/**
 * Starts Chromium exactly as the renderer does (same flags, same render page, same WebGL2 probe)
 * and reports what it draws with.
 */
export async function checkChromium(input: ChromiumCheckInput): Promise<CheckResult[]> {
  const { CHROMIUM_PATH: executablePath, RENDERER_GL_BACKEND: backend } = input;
  try {
    await access(executablePath, constants.X_OK);
  } catch (err) {
    return [
      fail(
        'chromium',
        `CHROMIUM_PATH=${executablePath} is not an executable file (${errorMessage(err)})`,
        INSTALL_FIX,
      ),
    ];
  }
  const pageServer = await startPageServer();
  try {
    const launch = () =>
      launchChromium({ executablePath, backend, extraFlags: parseFlags(input.RENDERER_CHROMIUM_FLAGS) });
    const { probe, warning } = await checkWebGl2({ launch, pageUrl: pageServer.url, backend });
    const detail = `WebGL2 via ${probe.renderer ?? 'an unnamed renderer'} (RENDERER_GL_BACKEND=${backend})`;
    return [
      warning
        ? warn(
            'chromium',
            `${detail}: ${warning}`,
            'set RENDERER_GL_BACKEND=swiftshader (exact on any machine), or install the driver the backend needs (llvmpipe: apt-get install libgl1-mesa-dri)',
          )
        : ok('chromium', detail),
    ];
  } catch (err) {
    if (err instanceof WebGlUnavailableError) {
      return [
        fail(
          'chromium',
          err.message,
          'unset RENDERER_CHROMIUM_FLAGS (or drop --disable-webgl / --disable-gpu from it) and set RENDERER_GL_BACKEND=swiftshader',
        ),
      ];
    }
    return [
      fail(
        'chromium',
        `Chromium at ${executablePath} did not start: ${errorMessage(err).split('\n')[0]}`,
        `run ${executablePath} --headless=new --no-sandbox --dump-dom about:blank to see why; ${INSTALL_FIX}`,
      ),
    ];
  } finally {
    await pageServer.close();
  }
}
