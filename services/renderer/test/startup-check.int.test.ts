import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { freePort } from '../../../tests/support/renderer-process.ts';

const MAIN = path.resolve(import.meta.dirname, '../src/main.ts');

/** Runs the renderer's entry point and collects what it says until it exits (or is stopped). */
function runRenderer(env: Record<string, string>, timeoutMs: number) {
  return new Promise<{ code: number | null; output: string }>((resolve) => {
    const child = spawn(process.execPath, [MAIN], {
      env: { ...process.env, LOG_LEVEL: 'warn', RENDERER_POOL_SIZE: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

/** The fatal line of the JSON log the renderer wrote before it exited. */
function fatalEntry(output: string) {
  return output
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as { level: string; msg: string })
    .find((entry) => entry.level === 'fatal');
}

describe('start-up check', () => {
  it('refuses to start, saying why, when Chromium offers no WebGL2', async () => {
    const { code, output } = await runRenderer(
      { RENDERER_PORT: String(await freePort()), RENDERER_CHROMIUM_FLAGS: '--disable-webgl' },
      30_000,
    );
    expect(code).toBe(1);
    const fatal = fatalEntry(output);
    expect(fatal?.msg).toMatch(/^WebGL2 is not available in Chromium with RENDERER_GL_BACKEND=swiftshader/);
    expect(fatal?.msg).toContain('--disable-webgl');
  });

  it('refuses to start, saying how to fix it, when the GLSL pre-check cannot run its validator', async () => {
    const { code, output } = await runRenderer(
      { RENDERER_PORT: String(await freePort()), GLSLANG_VALIDATOR_PATH: '/nonexistent/glslangValidator' },
      30_000,
    );
    expect(code).toBe(1);
    const fatal = fatalEntry(output);
    expect(fatal?.msg).toMatch(
      /^The GLSL pre-check cannot run \/nonexistent\/glslangValidator \(GLSLANG_VALIDATOR_PATH\)/,
    );
    expect(fatal?.msg).toContain('apt-get install glslang-tools');
  });
});
