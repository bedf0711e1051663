import type { Page, ShaderSummary } from '@fractafrag/contracts';
import { BASE_URL } from './fault-stack.ts';

/** The REST API through nginx, as users reach it. */
export async function api<T>(method: string, urlPath: string, token?: string, body?: unknown) {
  const res = await fetch(`${BASE_URL}/api/v1${urlPath}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(30_000),
  });
  return { status: res.status, body: (await res.json()) as T };
}

/** The caller's shaders, newest first: all pages, or the first `maxPages`. */
export async function myShaders(token: string, maxPages = Infinity): Promise<ShaderSummary[]> {
  const all: ShaderSummary[] = [];
  let cursor: string | null = null;
  do {
    const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
    const page = await api<Page<ShaderSummary>>('GET', `/shaders/mine?limit=100${query}`, token);
    if (page.status !== 200) throw new Error(`GET /shaders/mine answered ${page.status}`);
    all.push(...page.body.items);
    cursor = page.body.nextCursor;
  } while (cursor && all.length < maxPages * 100);
  return all;
}

export const isPending = (s: ShaderSummary) => s.renderState === 'queued' || s.renderState === 'rendering';
