import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  dedupeErrors,
  parseCompileLog,
  PASS_ORDER,
  wrapPassSource,
  type CompileError,
  type PassName,
  type ShaderSource,
} from '@fractafrag/glsl-runtime/pure';

/**
 * Compiles each wrapped pass with glslangValidator, outside the browser, under a wall-clock kill
 * and an address-space limit: a macro bomb that would make the GPU process's compiler spin (and
 * hang the browser) is refused here, and ordinary errors come back without touching Chromium.
 */
export interface GlslangPrecheckOptions {
  binary?: string;
  timeoutMs?: number;
  memoryBytes?: number;
  /** Verdicts kept for sources seen recently (the artifacts of one version share a source). */
  cacheEntries?: number;
}

export type ShaderPrecheck = (source: ShaderSource) => Promise<CompileError[]>;

export const TOO_COMPLEX = 'shader too complex to compile';

/**
 * The validator itself cannot run (missing, not executable): a fault of this machine, not of the
 * shader. The renderer refuses to start with it, and a render that meets it later answers 503, so
 * the worker retries instead of failing every shader for good as "too complex".
 */
export class PrecheckUnavailableError extends Error {}
/** What prlimit (util-linux) exits with when it cannot execute the program. */
const EXEC_FAILED = new Set([126, 127]);
const MAX_OUTPUT_BYTES = 256 * 1024;

interface RunResult {
  output: string;
  code: number | null;
  signal: NodeJS.Signals | null;
}

function runValidator(
  binary: string,
  code: string,
  timeoutMs: number,
  memoryBytes: number,
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    // prlimit execs the validator, so the timeout's SIGKILL reaches the compiler itself.
    const child = spawn('prlimit', [`--as=${memoryBytes}`, '--', binary, '--stdin', '-S', 'frag'], {
      stdio: ['pipe', 'pipe', 'pipe'],
      timeout: timeoutMs,
      killSignal: 'SIGKILL',
    });
    let output = '';
    const collect = (chunk: Buffer) => {
      if (output.length < MAX_OUTPUT_BYTES) output += chunk.toString('utf8');
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.stdin.on('error', () => undefined); // the validator may exit before reading everything
    child.on('error', (err) => reject(new PrecheckUnavailableError(`prlimit could not run: ${err.message}`)));
    child.on('close', (exitCode, signal) => resolve({ output, code: exitCode, signal }));
    child.stdin.end(code);
  });
}

async function checkPass(
  source: ShaderSource,
  pass: PassName,
  options: Required<Omit<GlslangPrecheckOptions, 'cacheEntries'>>,
): Promise<CompileError[]> {
  const wrapped = wrapPassSource(source, pass);
  const result = await runValidator(options.binary, wrapped.code, options.timeoutMs, options.memoryBytes);
  if (result.signal !== null) return [{ pass, line: null, message: TOO_COMPLEX }];
  if (result.code === 0) return [];
  const errors = parseCompileLog(result.output, wrapped, pass);
  if (errors.length > 0) return errors;
  if (result.code !== null && EXEC_FAILED.has(result.code))
    throw new PrecheckUnavailableError(
      `${options.binary} could not be run (exit ${result.code}): ${result.output.trim().slice(0, 200)}`,
    );
  // Non-zero exit without a compile error: the compiler ran out of memory or gave up.
  return [{ pass, line: null, message: TOO_COMPLEX }];
}

export function createGlslangPrecheck(options: GlslangPrecheckOptions = {}): ShaderPrecheck {
  const resolved: Required<Omit<GlslangPrecheckOptions, 'cacheEntries'>> = {
    binary: options.binary ?? 'glslangValidator',
    timeoutMs: options.timeoutMs ?? 2000,
    memoryBytes: options.memoryBytes ?? 512 * 1024 * 1024,
  };
  const check: ShaderPrecheck = async (source) => {
    const passes = PASS_ORDER.filter((name) => source.passes.some((p) => p.name === name));
    const perPass = await Promise.all(passes.map((pass) => checkPass(source, pass, resolved)));
    return dedupeErrors(perPass.flat());
  };
  return withVerdictCache(check, options.cacheEntries ?? 256);
}

/**
 * Remembers verdicts by source (a Map in insertion order makes a small LRU): each run of the
 * validator is a process start of about 15-20 ms, and a thumbnail, poster and preview of one
 * version, or a validate followed by a render, check the same source.
 */
function withVerdictCache(check: ShaderPrecheck, entries: number): ShaderPrecheck {
  const verdicts = new Map<string, Promise<CompileError[]>>();
  return (source) => {
    const key = createHash('sha256')
      .update(JSON.stringify([source.common ?? '', source.passes]))
      .digest('hex');
    const known = verdicts.get(key);
    if (known) {
      verdicts.delete(key);
      verdicts.set(key, known);
      return known;
    }
    const verdict = check(source);
    verdicts.set(key, verdict);
    // A failed run (the validator missing, say) is not a verdict on the source: do not keep it.
    verdict.catch(() => verdicts.delete(key));
    for (const oldest of verdicts.keys()) {
      if (verdicts.size <= entries) break;
      verdicts.delete(oldest);
    }
    return verdict;
  };
}

/** Start-up check: a trivial shader must pass; otherwise the validator is missing or broken. */
export async function assertPrecheckRuns(precheck: ShaderPrecheck, binary: string): Promise<void> {
  const trivial = {
    common: '',
    passes: [
      {
        name: 'Image' as const,
        code: 'void mainImage(out vec4 c, in vec2 p) { c = vec4(1.0); }',
        channels: [],
      },
    ],
  };
  let problem: string | undefined;
  try {
    const errors = await precheck(trivial);
    if (errors.length > 0) problem = `it rejects a trivial shader: ${errors[0]!.message}`;
  } catch (err) {
    problem = (err as Error).message;
  }
  if (problem)
    throw new PrecheckUnavailableError(
      `The GLSL pre-check cannot run ${binary} (GLSLANG_VALIDATOR_PATH): ${problem}. ` +
        'Install it (Debian: apt-get install glslang-tools; make bootstrap does) or set GLSLANG_VALIDATOR_PATH to the binary.',
    );
}
