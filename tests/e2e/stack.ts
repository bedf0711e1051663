import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { nativePort } from '@fractafrag/core/topology';

/** Where the e2e suite finds the native stack: everything goes through nginx, as users do. */
export const E2E_DATABASE = 'fractafrag_e2e';
export const E2E_DATABASE_URL =
  process.env.E2E_DATABASE_URL ?? `postgres://fracta:fracta@127.0.0.1:5432/${E2E_DATABASE}`;
export const BASE_URL = `http://localhost:${process.env.NGINX_PORT ?? nativePort('nginx')}`;
export const ARTIFACTS_DIR = path.resolve(import.meta.dirname, '../../test-results/e2e');
mkdirSync(ARTIFACTS_DIR, { recursive: true });

export async function api<T>(
  method: string,
  urlPath: string,
  options: { body?: unknown; token?: string } = {},
): Promise<{ status: number; body: T; headers: Headers }> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  const res = await fetch(`${BASE_URL}${urlPath}`, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  return { status: res.status, body: (await res.json()) as T, headers: res.headers };
}

export { eventually } from '../support/eventually.ts';
