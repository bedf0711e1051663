import { spawn } from 'node:child_process';
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
}

export type ShaderPrecheck = (source: ShaderSource) => Promise<CompileError[]>;

export const TOO_COMPLEX = 'shader too complex to compile';
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
    child.on('error', reject);
    child.on('close', (exitCode, signal) => resolve({ output, code: exitCode, signal }));
    child.stdin.end(code);
  });
}

async function checkPass(
  source: ShaderSource,
  pass: PassName,
  options: Required<GlslangPrecheckOptions>,
): Promise<CompileError[]> {
  const wrapped = wrapPassSource(source, pass);
  const result = await runValidator(options.binary, wrapped.code, options.timeoutMs, options.memoryBytes);
  if (result.signal !== null) return [{ pass, line: null, message: TOO_COMPLEX }];
  if (result.code === 0) return [];
  const errors = parseCompileLog(result.output, wrapped, pass);
  if (errors.length > 0) return errors;
  // Non-zero exit without a compile error: the compiler ran out of memory or gave up.
  return [{ pass, line: null, message: TOO_COMPLEX }];
}

export function createGlslangPrecheck(options: GlslangPrecheckOptions = {}): ShaderPrecheck {
  const resolved: Required<GlslangPrecheckOptions> = {
    binary: options.binary ?? 'glslangValidator',
    timeoutMs: options.timeoutMs ?? 2000,
    memoryBytes: options.memoryBytes ?? 512 * 1024 * 1024,
  };
  return async (source) => {
    const passes = PASS_ORDER.filter((name) => source.passes.some((p) => p.name === name));
    const perPass = await Promise.all(passes.map((pass) => checkPass(source, pass, resolved)));
    return dedupeErrors(perPass.flat());
  };
}
