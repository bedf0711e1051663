import type { CompileError, PassName } from './types.ts';
import type { WrappedPass } from './wrap.ts';

// "ERROR: 0:12: 'x' : undeclared identifier" (ANGLE and glslangValidator share this shape).
const LOG_LINE = /^ERROR:\s*\d+:(\d+):\s*(.*)$/;
// Summary lines that repeat what the real errors already say.
const NOISE = [/compilation terminated/i, /^\d+ compilation errors?/i, /No code generated/i];

/**
 * Maps a compiler log of a wrapped pass to errors in the author's numbering: lines inside the
 * Common tab are reported as pass 'Common' with Common's own numbering; lines the wrapper added
 * (header, footer) have no user line.
 */
export function parseCompileLog(log: string, wrapped: WrappedPass, passName: PassName): CompileError[] {
  const errors: CompileError[] = [];
  for (const raw of log.replace(/\r\n?/g, '\n').split('\n')) {
    const text = raw.trim();
    if (!text.startsWith('ERROR')) continue;
    const match = LOG_LINE.exec(text);
    const message = (match ? match[2]! : text.replace(/^ERROR:\s*/, '')).trim();
    if (message === '' || NOISE.some((n) => n.test(message))) continue;
    errors.push(locate(match ? Number(match[1]) : null, message, wrapped, passName));
  }
  return dedupeErrors(errors);
}

function locate(
  line: number | null,
  message: string,
  wrapped: WrappedPass,
  passName: PassName,
): CompileError {
  if (line === null) return { pass: passName, line: null, message };
  const inCommon = line - wrapped.commonLineOffset;
  if (inCommon >= 1 && inCommon <= wrapped.commonLineCount)
    return { pass: 'Common', line: inCommon, message };
  const inUser = line - wrapped.userLineOffset;
  if (inUser >= 1 && inUser <= wrapped.userLineCount) return { pass: passName, line: inUser, message };
  if (inUser > wrapped.userLineCount) {
    // The generated main() after the author's code: a missing mainImage or an unclosed block.
    return { pass: passName, line: null, message: `after the end of your code: ${message}` };
  }
  return { pass: passName, line: null, message };
}

/** Common is compiled once per pass, so its errors repeat: keep each (pass, line, message) once. */
export function dedupeErrors(errors: readonly CompileError[]): CompileError[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    const key = `${e.pass}\u0000${e.line ?? ''}\u0000${e.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
