import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '@fractafrag/core';
import type { Page } from 'puppeteer-core';
import type { LaunchedBrowser } from './chromium.ts';
import { killGpuProcesses } from './gpu-process-killer.ts';
import { openRenderPage, RenderDeadlineError, resetPage } from './render-page.ts';

/**
 * One warm Chromium with one render page, running one job at a time under a hard deadline.
 * After a timeout it kills the browser's GPU process (where a hung shader spins) and resets the
 * page; when that is not enough it relaunches the browser. It reports itself ready again only
 * once it can draw.
 */
export type TaskOutcome<T> =
  | { kind: 'ok'; value: T; ms: number }
  | { kind: 'timeout'; ms: number }
  | { kind: 'crashed'; message: string; ms: number };

export type SlotState = 'starting' | 'idle' | 'busy' | 'recovering' | 'closed';

export interface BrowserSlot {
  readonly id: number;
  readonly state: SlotState;
  start(): void;
  execute<T>(task: (page: Page) => Promise<T>, deadlineMs: number): Promise<TaskOutcome<T>>;
  close(): Promise<void>;
}

export interface BrowserSlotOptions {
  id: number;
  launch: () => Promise<LaunchedBrowser>;
  pageUrl: string;
  logger: Logger;
  /** Called whenever the slot is warm and free for the next job. */
  onReady: (slot: BrowserSlot) => void;
  /** GPU processes killed to end a hung render (0 when none was found). */
  onGpuProcessKill?: (killed: number) => void;
  onBrowserRestart?: () => void;
  /** A slot is warm again after a timeout or crash, `ms` after the job's deadline or failure. */
  onRecovered?: (ms: number, how: 'page_reset' | 'browser_relaunch') => void;
}

/** How long a page gets to answer after its GPU process was killed, and to prove it draws again. */
const SETTLE_AFTER_KILL_MS = 3000;
const RESET_TIMEOUT_MS = 8000;
const MAX_LAUNCH_BACKOFF_MS = 30_000;

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export function createBrowserSlot(options: BrowserSlotOptions): BrowserSlot {
  const log = options.logger.child({ slot: options.id });
  let state: SlotState = 'starting';
  let current: { launched: LaunchedBrowser; page: Page } | null = null;
  let inflight: Promise<unknown> | null = null;
  // A function, not a comparison: `state` changes across awaits, which narrowing cannot see.
  const isClosed = () => state === 'closed';

  const becomeIdle = () => {
    if (isClosed()) return;
    state = 'idle';
    options.onReady(slot);
  };

  const bringUp = async (): Promise<void> => {
    let backoff = 1000;
    while (!isClosed()) {
      let launched: LaunchedBrowser | null = null;
      try {
        const started = performance.now();
        launched = await options.launch();
        const { page, info } = await openRenderPage(launched.browser, options.pageUrl);
        if (isClosed()) {
          await launched.close();
          return;
        }
        current = { launched, page };
        const mine = launched;
        launched.browser.on('disconnected', () => onDisconnected(mine));
        log.info({ pid: launched.pid, ms: Math.round(performance.now() - started), ...info }, 'browser warm');
        becomeIdle();
        return;
      } catch (err) {
        log.error({ err }, 'browser failed to start; retrying');
        await launched?.close();
        await sleep(backoff);
        backoff = Math.min(backoff * 2, MAX_LAUNCH_BACKOFF_MS);
      }
    }
  };

  const relaunch = async (launched: LaunchedBrowser) => {
    current = null;
    options.onBrowserRestart?.();
    await launched.close();
    await bringUp();
  };

  const onDisconnected = (launched: LaunchedBrowser) => {
    if (current?.launched !== launched || state !== 'idle') return;
    log.warn('browser disconnected while idle; relaunching');
    state = 'recovering';
    inflight = relaunch(launched).finally(() => (inflight = null));
  };

  const recover = async (
    kind: 'timeout' | 'crashed',
    running: Promise<unknown>,
    launched: LaunchedBrowser,
    page: Page,
  ) => {
    const started = performance.now();
    try {
      if (kind === 'timeout') {
        const killed = await killGpuProcesses(launched.pid);
        options.onGpuProcessKill?.(killed.length);
        log.warn({ killed }, 'render deadline passed; killed the GPU process');
      }
      await withTimeout(running, SETTLE_AFTER_KILL_MS, 'the hung page call').catch(() => undefined);
      if (!launched.browser.connected) throw new Error('browser disconnected');
      await withTimeout(resetPage(page), RESET_TIMEOUT_MS, 'resetting the render page');
      const ms = performance.now() - started;
      log.info({ ms: Math.round(ms) }, 'render page recovered');
      options.onRecovered?.(ms, 'page_reset');
      becomeIdle();
    } catch (err) {
      log.warn({ err }, 'render page did not recover; relaunching the browser');
      await relaunch(launched);
      const ms = performance.now() - started;
      log.info({ ms: Math.round(ms) }, 'browser relaunched');
      if (!isClosed()) options.onRecovered?.(ms, 'browser_relaunch');
    }
  };

  const slot: BrowserSlot = {
    id: options.id,
    get state() {
      return state;
    },
    start() {
      void bringUp();
    },
    async execute<T>(task: (page: Page) => Promise<T>, deadlineMs: number): Promise<TaskOutcome<T>> {
      if (state !== 'idle' || !current) return { kind: 'crashed', message: 'browser not ready', ms: 0 };
      state = 'busy';
      const { launched, page } = current;
      const started = performance.now();
      const running = task(page);
      inflight = running;
      let timer: NodeJS.Timeout | undefined;
      const first = await Promise.race([
        running.then(
          (value) => ({ kind: 'ok' as const, value }),
          (err: unknown) =>
            // The page itself saw the GPU outlast the budget: same remedy as our own deadline.
            err instanceof RenderDeadlineError
              ? { kind: 'timeout' as const }
              : { kind: 'crashed' as const, message: err instanceof Error ? err.message : String(err) },
        ),
        new Promise<{ kind: 'timeout' }>((resolve) => {
          timer = setTimeout(() => resolve({ kind: 'timeout' }), deadlineMs);
        }),
      ]);
      clearTimeout(timer);
      const ms = performance.now() - started;
      if (first.kind === 'ok') {
        inflight = null;
        becomeIdle();
        return { ...first, ms };
      }
      if (first.kind === 'crashed') log.error({ reason: first.message }, 'render page call failed');
      if (!isClosed()) {
        state = 'recovering';
        inflight = recover(first.kind, running, launched, page).finally(() => (inflight = null));
      }
      return { ...first, ms };
    },
    async close() {
      state = 'closed';
      if (inflight) await withTimeout(inflight, RESET_TIMEOUT_MS, 'the last job').catch(() => undefined);
      await current?.launched.close();
      current = null;
    },
  };
  return slot;
}
