import type { Pool } from '@fractafrag/db';

/** Sending one hostile request and judging its reply (see hostile-input.int.test.ts). */

export interface HostileRequest {
  method: string;
  /** Path and query, already encoded as they go on the wire. */
  url: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

export interface Reply {
  status: number;
  contentType: string;
  text: string;
  json: unknown;
}

/**
 * What a case expects:
 *  - refused: one of `status`, the one error shape, `code` when given, and when `field` is given a
 *    details entry (or the message) naming that field;
 *  - handled: any status below 500, and the one error shape when it is an error;
 *  - transport: below 500 only. Node answers an over-long request line (431) itself, before
 *    Express, so there is no JSON to check.
 */
export type Expectation =
  | { kind: 'refused'; status: readonly number[]; code?: string; field?: string }
  | { kind: 'handled' }
  | { kind: 'transport' };

export interface HostileCase {
  name: string;
  request: HostileRequest;
  expect: Expectation;
}

export async function send(baseUrl: string, request: HostileRequest): Promise<Reply> {
  const res = await fetch(`${baseUrl}${request.url}`, {
    method: request.method,
    headers: request.headers,
    body: request.body,
  });
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, contentType: res.headers.get('content-type') ?? '', text, json };
}

interface ErrorReply {
  error: { code: string; message: string; details?: unknown };
}

/** Problems with an error reply's shape; empty when it is `{ error: { code, message, details? } }`. */
export function errorShapeProblems(reply: Reply): string[] {
  if (!reply.contentType.includes('application/json')) return [`content-type is "${reply.contentType}"`];
  const body = reply.json as Partial<ErrorReply> | undefined;
  const problems: string[] = [];
  if (!body || typeof body !== 'object' || Object.keys(body).join() !== 'error' || !body.error) {
    return [`not the one error shape: ${reply.text.slice(0, 200)}`];
  }
  const { code, message, ...rest } = body.error;
  if (typeof code !== 'string' || !/^[a-z_]+$/.test(code)) problems.push(`error.code is ${String(code)}`);
  if (typeof message !== 'string' || message.length < 15) {
    problems.push(`error.message is not a useful sentence: ${String(message)}`);
  } else if (/\n\s+at |node_modules|pg_catalog|syntax error at or near/.test(message)) {
    problems.push(`error.message leaks internals: ${message.slice(0, 200)}`);
  }
  const extra = Object.keys(rest).filter((k) => k !== 'details');
  if (extra.length > 0) problems.push(`error has extra keys ${extra.join(', ')}`);
  return problems;
}

/** Whether an error reply names `field`: a details entry at, above or below it, or the message. */
function namesField(reply: Reply, field: string): boolean {
  const error = (reply.json as ErrorReply).error;
  const details = Array.isArray(error.details) ? (error.details as { path?: unknown }[]) : [];
  const related = (path: string) =>
    path === field || path.startsWith(`${field}.`) || (path !== '' && field.startsWith(`${path}.`));
  if (details.some((d) => typeof d.path === 'string' && related(d.path))) return true;
  const leaf = field.split('.').findLast((k) => !/^\d+$/.test(k)) ?? field;
  return error.message.includes(leaf);
}

/** Why a reply does not meet its expectation; undefined when it does. */
export function judge(reply: Reply, expectation: Expectation): string | undefined {
  if (reply.status >= 500) return `answered ${reply.status}: ${reply.text.slice(0, 300)}`;
  if (expectation.kind === 'transport') return undefined;
  if (expectation.kind === 'handled' && reply.status < 400) return undefined;
  const shape = errorShapeProblems(reply);
  if (shape.length > 0) return `answered ${reply.status} with ${shape.join('; ')}`;
  if (expectation.kind === 'handled') return undefined;
  const error = (reply.json as ErrorReply).error;
  if (!expectation.status.includes(reply.status)) {
    return `answered ${reply.status} ${error.code} (${error.message.slice(0, 200)}), expected ${expectation.status.join(' or ')}`;
  }
  if (expectation.code && error.code !== expectation.code) {
    return `answered code ${error.code}, expected ${expectation.code}`;
  }
  if (expectation.field !== undefined && !namesField(reply, expectation.field)) {
    return `the error does not name ${expectation.field}: ${JSON.stringify(error).slice(0, 300)}`;
  }
  return undefined;
}

/** Row counts of every table, to prove a refused write left nothing half-written. */
export async function tableCounter(pool: Pool): Promise<() => Promise<Record<string, number>>> {
  const { rows } = await pool.query<{ tablename: string }>(
    `SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`,
  );
  const sql = `SELECT ${rows.map((r) => `(SELECT count(*) FROM "${r.tablename}")::int AS "${r.tablename}"`).join(', ')}`;
  return async () => (await pool.query<Record<string, number>>(sql)).rows[0]!;
}

export function countChanges(before: Record<string, number>, after: Record<string, number>): string[] {
  return Object.keys(before)
    .filter((table) => before[table] !== after[table])
    .map((table) => `${table} ${before[table]} → ${after[table]}`);
}
