import { ConfigError } from '@fractafrag/core';

/** A failure the operator can act on: printed as one message, no stack trace. */
export class OpsError extends Error {
  readonly exitCode: number;
  constructor(message: string, exitCode = 1) {
    super(message);
    this.exitCode = exitCode;
  }
}

/** Exit code of a refusal (bad arguments or input), as opposed to a failure while working (1). */
export const REFUSED = 2;

/** Runs an ops command: OpsError and ConfigError become a message on stderr and their exit code. */
export async function runOpsCommand(name: string, main: () => Promise<void>): Promise<void> {
  try {
    await main();
  } catch (err) {
    if (err instanceof OpsError || err instanceof ConfigError) {
      console.error(`${name}: ${err.message}`);
      process.exit(err instanceof OpsError ? err.exitCode : REFUSED);
    }
    throw err;
  }
}

export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return unit === 0 ? `${bytes} B` : `${value.toFixed(1)} ${units[unit]}`;
}

/** A tool's stderr for a message: the first lines, each cut short (COPY errors quote whole rows). */
export function excerpt(text: string, lines = 12, width = 240): string {
  const all = text.trim().split('\n');
  const kept = all.slice(0, lines).map((l) => (l.length > width ? `${l.slice(0, width)}…` : l));
  return all.length > lines ? `${kept.join('\n')}\n…` : kept.join('\n');
}

export const plural = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? '' : 's'}`;
