import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BASE_URL, eventually } from './stack.ts';

/** nginx's JSON access log (supervisord keeps each native service's output in .run/logs). */
const NGINX_LOG = path.resolve(import.meta.dirname, '../../.run/logs/nginx.log');

describe('nginx access log', () => {
  it('logs the request id and the path, never the query string (it can carry tokens)', async () => {
    const requestId = `access-log-${Date.now()}`;
    const secret = `secret-${Math.random().toString(36).slice(2)}`;
    const res = await fetch(`${BASE_URL}/api/v1/feed/new?limit=1&token=${secret}`, {
      headers: { 'x-request-id': requestId },
    });
    await res.arrayBuffer();
    expect(res.headers.get('x-request-id')).toBe(requestId);

    const line = await eventually('the request in the access log', () =>
      Promise.resolve(
        readFileSync(NGINX_LOG, 'utf8')
          .split('\n')
          .find((l) => l.includes(requestId)),
      ),
    );
    const entry = JSON.parse(line) as Record<string, unknown>;
    expect(entry).toMatchObject({
      request_id: requestId,
      method: 'GET',
      path: '/api/v1/feed/new',
      status: 200,
    });
    expect(readFileSync(NGINX_LOG, 'utf8')).not.toContain(secret);
  });
});
