import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createMetrics, type Lifecycle, type Logger, type rendererEnv } from '@fractafrag/core';
import type { z } from 'zod';
import { createRendererApp } from './app.ts';
import { createBrowserPool, type BrowserPool } from './browser-pool.ts';
import { createBrowserSlot } from './browser-slot.ts';
import { launchChromium, parseFlags } from './chromium.ts';
import { assertPrecheckRuns, createGlslangPrecheck } from './glslang-precheck.ts';
import { startPageServer } from './page-server.ts';
import type { WebGlProbe } from './page-protocol.ts';
import { createRenderMetrics } from './render-metrics.ts';
import { checkWebGl2 } from './webgl-check.ts';

export type RendererConfig = { [K in keyof typeof rendererEnv]: z.output<(typeof rendererEnv)[K]> };

export interface StartRendererOptions {
  config: RendererConfig;
  logger: Logger;
  lifecycle?: Lifecycle;
  /** Overrides RENDERER_PORT (0 picks a free port, for tests). */
  port?: number;
}

export interface RunningRenderer {
  server: Server;
  url: string;
  pool: BrowserPool;
  /** What the start-up check found (UNMASKED_RENDERER_WEBGL and friends). */
  webgl: WebGlProbe;
  /** Closes the browsers and the page server (the HTTP server is closed by the caller). */
  closeBrowsers(): Promise<void>;
  /** Closes everything, the HTTP server included. */
  close(): Promise<void>;
}

/**
 * Wires the renderer: render page server, a start-up check that WebGL2 is there (it throws
 * WebGlUnavailableError, with the reason, when it is not), browser pool, pre-check, metrics and
 * the HTTP app.
 */
export async function startRenderer({
  config,
  logger,
  lifecycle = { draining: false },
  port,
}: StartRendererOptions): Promise<RunningRenderer> {
  const metrics = createMetrics('renderer');
  const renderMetrics = createRenderMetrics(metrics.registry);
  const pageServer = await startPageServer();
  const launch = () =>
    launchChromium({
      executablePath: config.CHROMIUM_PATH,
      backend: config.RENDERER_GL_BACKEND,
      extraFlags: parseFlags(config.RENDERER_CHROMIUM_FLAGS),
    });
  const precheck = createGlslangPrecheck({ binary: config.GLSLANG_VALIDATOR_PATH });
  let webgl: WebGlProbe;
  try {
    await assertPrecheckRuns(precheck, config.GLSLANG_VALIDATOR_PATH);
    const check = await checkWebGl2({ launch, pageUrl: pageServer.url, backend: config.RENDERER_GL_BACKEND });
    webgl = check.probe;
    logger.info({ ...webgl, backend: config.RENDERER_GL_BACKEND }, 'WebGL2 available');
    renderMetrics.webglInfo.set({ renderer: webgl.renderer ?? '', backend: config.RENDERER_GL_BACKEND }, 1);
    if (check.warning) logger.warn({ backend: config.RENDERER_GL_BACKEND }, check.warning);
  } catch (err) {
    await pageServer.close();
    throw err;
  }
  const pool = createBrowserPool({
    size: config.RENDERER_POOL_SIZE,
    queueMax: config.RENDERER_QUEUE_MAX,
    createSlot: (id, onReady) =>
      createBrowserSlot({
        id,
        launch,
        pageUrl: pageServer.url,
        logger,
        onReady,
        onGpuProcessKill: (killed) => renderMetrics.gpuProcessKills.inc(killed),
        onBrowserRestart: () => renderMetrics.browserRestarts.inc(),
        onRecovered: (ms, how) => renderMetrics.recovery.observe({ how }, ms / 1000),
      }),
  });
  renderMetrics.observePool(pool);
  const deps = {
    pool,
    precheck,
    timeoutMs: config.RENDER_TIMEOUT_MS,
    metrics: renderMetrics,
  };
  const app = createRendererApp({ logger, metrics, lifecycle, pool, deps });

  const server = await new Promise<Server>((resolve, reject) => {
    const listening = app.listen(port ?? config.RENDERER_PORT, () => resolve(listening));
    listening.once('error', reject);
  });
  const { port: boundPort } = server.address() as AddressInfo;
  const closeBrowsers = async () => {
    await pool.close();
    await pageServer.close();
  };
  return {
    server,
    url: `http://127.0.0.1:${boundPort}`,
    pool,
    webgl,
    closeBrowsers,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await closeBrowsers();
    },
  };
}
