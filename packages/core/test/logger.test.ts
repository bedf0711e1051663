import { describe, expect, it } from 'vitest';
import { createLogger } from '../src/logger.ts';

/** What createLogger writes, one parsed JSON line per call. */
function capture(log: (logger: ReturnType<typeof createLogger>) => void): Record<string, unknown> {
  const lines: string[] = [];
  log(createLogger('test', 'trace', { write: (line: string) => void lines.push(line) }));
  expect(lines).toHaveLength(1);
  return JSON.parse(lines[0]!) as Record<string, unknown>;
}

describe('createLogger redaction', () => {
  it('redacts credentials by field name at the top level and one object down', () => {
    const fields = {
      password: 'p1',
      currentPassword: 'p2',
      newPassword: 'p3',
      token: 't1',
      accessToken: 't2',
      refreshToken: 't3',
      apiKey: 'k1',
      key: 'k2',
      secret: 's1',
      authorization: 'Bearer a1',
      cookie: 'c1',
      'set-cookie': 'c2',
      'x-api-key': 'k3',
    };
    const line = JSON.stringify(capture((l) => l.info({ ...fields, body: fields, user_id: 'u1' }, 'event')));
    for (const value of Object.values(fields)) expect(line).not.toContain(`"${value}"`);
    expect(line).toContain('"user_id":"u1"');
    expect(line).toContain('[redacted]');
  });

  it('redacts credential headers of any logged request-like object', () => {
    const headers = {
      authorization: 'Bearer h1',
      cookie: 'fracta_refresh=h2',
      'x-api-key': 'ff_h3',
      host: 'example',
    };
    const line = JSON.stringify(capture((l) => l.info({ req: { headers }, upstream: { headers } }, 'event')));
    expect(line).not.toMatch(/h1|h2|ff_h3/);
    expect(line).toContain('"host":"example"');
  });

  it('logs an error without the request body or headers it carries', () => {
    const err = Object.assign(new SyntaxError('Unexpected end of JSON input'), {
      status: 400,
      body: '{"password":"in-the-body"}',
      headers: { authorization: 'Bearer in-the-headers' },
      code: 'E_PARSE',
    });
    const line = capture((l) => l.error({ err }, 'failed'));
    expect(JSON.stringify(line)).not.toMatch(/in-the-body|in-the-headers/);
    expect(line.err).toMatchObject({
      type: 'SyntaxError',
      message: 'Unexpected end of JSON input',
      status: 400,
      code: 'E_PARSE',
    });
  });

  it('drops the query string of logged urls and paths, where clients put tokens', () => {
    const line = capture((l) =>
      l.info({ url: '/api/admin/queues?token=q1', path: '/api/v1/me?api_key=q2' }, 'event'),
    );
    expect(line).toMatchObject({ url: '/api/admin/queues?[redacted]', path: '/api/v1/me?[redacted]' });
  });
});
