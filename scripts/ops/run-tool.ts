import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { excerpt, OpsError } from './ops-cli.ts';

/** Child processes for the ops scripts (pg_dump, pg_restore, psql, tar), with their output kept. */

const installHint = (command: string) =>
  ['pg_dump', 'pg_restore', 'psql'].includes(command)
    ? ": install the PostgreSQL client tools (Debian: postgresql-client) of the server's major version or newer"
    : '';

export interface ToolResult {
  code: number;
  stdout: string;
  stderr: string;
}

const KEEP_OUTPUT = 64 * 1024;

export interface ToolOptions {
  env?: NodeJS.ProcessEnv;
  /** How much of stdout to keep (its end); 64 KiB unless a caller needs all of it. */
  keepStdout?: number;
}

/**
 * Starts a tool. `done` settles when it exits; stdout is collected unless `pipeStdout` (the caller
 * pipes it elsewhere). A missing binary becomes an OpsError that says what to install.
 */
export function spawnTool(
  command: string,
  args: string[],
  options: ToolOptions & { pipeStdout?: boolean } = {},
): { child: ChildProcessWithoutNullStreams; done: Promise<ToolResult> } {
  const child = spawn(command, args, { env: options.env ?? process.env, stdio: ['pipe', 'pipe', 'pipe'] });
  const keepStdout = options.keepStdout ?? KEEP_OUTPUT;
  const done = new Promise<ToolResult>((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    if (!options.pipeStdout)
      child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout = (stdout + c).slice(-keepStdout)));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr = (stderr + c).slice(-KEEP_OUTPUT)));
    child.once('error', (err: NodeJS.ErrnoException) =>
      reject(
        err.code === 'ENOENT' ? new OpsError(`${command} was not found on PATH${installHint(command)}`) : err,
      ),
    );
    child.once('close', (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), stdout, stderr }));
  });
  return { child, done };
}

export async function runTool(
  command: string,
  args: string[],
  options: ToolOptions = {},
): Promise<ToolResult> {
  const { child, done } = spawnTool(command, args, options);
  child.stdin.end();
  return done;
}

/** Throws an OpsError with the tool's own message when it failed. */
export function expectSuccess(result: ToolResult, what: string): ToolResult {
  if (result.code !== 0)
    throw new OpsError(`${what} failed (exit ${result.code}):\n${excerpt(result.stderr)}`);
  return result;
}
