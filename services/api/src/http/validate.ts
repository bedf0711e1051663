import type { z } from 'zod';
import { findUnsafeText } from '@fractafrag/contracts';
import { validationFailed } from '@fractafrag/core';

/**
 * Parses request input with a zod schema; failures become 422 with one entry per field to fix.
 * Text Postgres cannot store (NUL) or that is not Unicode (lone surrogates) fails first, in any field.
 */
export function parse<S extends z.ZodType>(schema: S, input: unknown, where = 'body'): z.infer<S> {
  const unsafe = findUnsafeText(input);
  if (unsafe.length > 0) {
    throw validationFailed(
      `The request ${where} is invalid: ${unsafe
        .slice(0, 3)
        .map((i) => i.message)
        .join('; ')}`,
      unsafe,
    );
  }
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw validationFailed(
    `The request ${where} is invalid: ${result.error.issues
      .slice(0, 3)
      .map((i) => `${i.path.join('.') || where}: ${i.message}`)
      .join('; ')}`,
    result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
  );
}
