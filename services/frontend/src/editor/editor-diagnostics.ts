import type { Diagnostic } from '@codemirror/lint';
import type { Text } from '@codemirror/state';
import type { CompileError } from '@fractafrag/glsl-runtime/pure';
import type { TabName } from './editor-source.ts';

export interface TabError {
  /** 1-based line in the tab's own code; null when the compiler named no line. */
  line: number | null;
  message: string;
}

/** Compile errors grouped by the tab they belong to (the runtime reports Common lines as 'Common'). */
export function errorsByTab(errors: readonly CompileError[]): Map<TabName, TabError[]> {
  const byTab = new Map<TabName, TabError[]>();
  for (const error of errors) {
    const list = byTab.get(error.pass) ?? [];
    list.push({ line: error.line, message: error.message });
    byTab.set(error.pass, list);
  }
  return byTab;
}

/**
 * Marks each error on its line: on the quoted token the compiler names when that token is on the
 * line (`'foo' : undeclared identifier`), otherwise from the first non-blank character to the end.
 * Lines past the end (the code changed since it compiled) are clamped to the last line.
 */
export function toDiagnostics(doc: Text, errors: readonly TabError[]): Diagnostic[] {
  return errors.map((error) => {
    const line = doc.line(Math.min(Math.max(error.line ?? 1, 1), doc.lines));
    const token = /'([^']+)'/.exec(error.message)?.[1];
    const at = token ? line.text.indexOf(token) : -1;
    const indent = line.text.length - line.text.trimStart().length;
    const from = at >= 0 ? line.from + at : line.from + indent;
    const to = at >= 0 && token ? from + token.length : line.to;
    return {
      from,
      to: Math.max(to, from),
      severity: 'error',
      source: 'GLSL',
      message: error.line === null ? error.message : `Line ${error.line}: ${error.message}`,
    };
  });
}
