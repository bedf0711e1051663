import { rm } from 'node:fs/promises';
import puppeteer, { type Browser } from 'puppeteer-core';
import { createProfileDir, removeOrphanedProfileDirs } from './profile-dirs.ts';

export type GlBackend = 'swiftshader' | 'llvmpipe' | 'gpu';

const COMMON_FLAGS = [
  '--headless=new',
  '--no-sandbox',
  '--ignore-gpu-blocklist',
  // We kill hung GPU processes on purpose: Chromium must keep relaunching them, and must not
  // block WebGL for the page's origin after a few resets.
  '--disable-gpu-process-crash-limit',
  '--disable-domain-blocking-for-3d-apis',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

const BACKEND_FLAGS: Record<GlBackend, string[]> = {
  // SwiftShader: in Chromium's own build, always there, runs every loop to the end.
  swiftshader: ['--use-angle=swiftshader', '--enable-unsafe-swiftshader'],
  // Mesa's llvmpipe through EGL (Debian: libgl1-mesa-dri): draws faster, compiles slower, and
  // silently cuts loops off after about 65,535 iterations per pixel.
  llvmpipe: ['--use-angle=gl-egl', '--use-gl=angle'],
  gpu: ['--use-angle=default'],
};

/** Chromium flags per GL backend, then any extra flags (which win over ours when they repeat one). */
export function chromiumArgs(backend: GlBackend, extraFlags: readonly string[] = []): string[] {
  return [...COMMON_FLAGS, ...BACKEND_FLAGS[backend], ...extraFlags];
}

/** Splits a space-separated flags setting such as RENDERER_CHROMIUM_FLAGS. */
export const parseFlags = (flags: string): string[] => flags.split(/\s+/).filter((f) => f !== '');

export interface LaunchedBrowser {
  browser: Browser;
  pid: number;
  /** Closes the browser (killing it if it does not close promptly) and removes its profile. */
  close(): Promise<void>;
}

export interface LaunchOptions {
  executablePath: string;
  backend: GlBackend;
  extraFlags?: readonly string[];
}

const CLOSE_GRACE_MS = 2000;

export async function launchChromium({
  executablePath,
  backend,
  extraFlags = [],
}: LaunchOptions): Promise<LaunchedBrowser> {
  // A renderer killed with SIGKILL never removed its browsers' profiles: clear those first.
  await removeOrphanedProfileDirs();
  const userDataDir = await createProfileDir();
  let browser: Browser;
  try {
    browser = await puppeteer.launch({
      executablePath,
      headless: true,
      pipe: true,
      userDataDir,
      args: chromiumArgs(backend, extraFlags),
      protocolTimeout: 30_000,
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
    });
  } catch (err) {
    await rm(userDataDir, { recursive: true, force: true });
    throw err;
  }
  const child = browser.process();
  if (!child?.pid) {
    await browser.close().catch(() => undefined);
    throw new Error('Chromium started without a process id');
  }
  return {
    browser,
    pid: child.pid,
    async close() {
      const exited = new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) resolve();
        else child.once('exit', () => resolve());
      });
      // A browser whose GPU process hangs may never answer Browser.close.
      const killTimer = setTimeout(() => child.kill('SIGKILL'), CLOSE_GRACE_MS);
      await browser.close().catch(() => child.kill('SIGKILL'));
      await exited;
      clearTimeout(killTimer);
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}
