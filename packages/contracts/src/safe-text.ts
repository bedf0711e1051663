import { z } from 'zod';

/**
 * Text no schema should accept, whatever the field: NUL, which Postgres cannot store in text or
 * jsonb (it would fail the query), and lone UTF-16 surrogates (`"\ud800"` in JSON), which are not
 * Unicode and would be stored silently replaced by U+FFFD.
 */
export interface UnsafeTextIssue {
  path: string;
  message: string;
}

export function unsafeTextReason(text: string): string | undefined {
  if (text.includes('\u0000')) return 'must not contain NUL characters (\\u0000)';
  if (!text.isWellFormed()) return 'must be valid Unicode text: it contains a lone UTF-16 surrogate';
  return undefined;
}

/** Where a value sits: its key and its parent's location (joined only when an issue is reported). */
interface Location {
  key: string;
  parent: Location | undefined;
}

const pathOf = (at: Location | undefined): string => {
  const keys: string[] = [];
  for (let l = at; l; l = l.parent) keys.push(l.key);
  const path = keys.reverse().join('.');
  return path.length > 200 ? `…${path.slice(-200)}` : path;
};

/**
 * Every string (and object key) in a parsed JSON value, query or path; at most `max` issues.
 * Iterative: a body nested a hundred thousand arrays deep must not overflow the stack.
 */
export function findUnsafeText(value: unknown, max = 10): UnsafeTextIssue[] {
  const issues: UnsafeTextIssue[] = [];
  const report = (at: Location | undefined, reason: string, what?: string) => {
    const path = pathOf(at);
    issues.push({ path, message: `${what ?? (path || 'value')} ${reason}` });
  };
  const pending: [unknown, Location | undefined][] = [[value, undefined]];
  while (pending.length > 0 && issues.length < max) {
    const [node, at] = pending.pop()!;
    if (typeof node === 'string') {
      const reason = unsafeTextReason(node);
      if (reason) report(at, reason);
    } else if (Array.isArray(node)) {
      for (let i = node.length - 1; i >= 0; i -= 1) pending.push([node[i], { key: String(i), parent: at }]);
    } else if (node !== null && typeof node === 'object') {
      for (const [key, item] of Object.entries(node).reverse()) {
        const itemAt = { key, parent: at };
        const keyReason = unsafeTextReason(key);
        if (keyReason) report(itemAt, keyReason, 'a field name');
        pending.push([item, itemAt]);
      }
    }
  }
  return issues.slice(0, max);
}

/** Wraps a schema so that unsafe text anywhere in the input fails first, naming the field. */
export function withSafeText<S extends z.ZodType>(schema: S) {
  return z
    .unknown()
    .superRefine((value, ctx) => {
      for (const issue of findUnsafeText(value)) {
        ctx.addIssue({
          code: 'custom',
          path: issue.path ? issue.path.split('.') : [],
          message: issue.message,
        });
      }
    })
    .pipe(schema);
}
