import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { ErrorCode, McpError, type CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { ApiHarness } from '../../api/test/api-harness.ts';
import { textOf } from './mcp-harness.ts';

/**
 * How the server answered one hostile call. `broken` is every answer the suite fails on: an
 * internal error, a 5xx, a dead connection, a leaked exception, or an error that says nothing to fix.
 */
export type Outcome =
  | { kind: 'invalid-params'; text: string }
  | { kind: 'tool-error'; text: string }
  | { kind: 'accepted'; text: string }
  | { kind: 'broken'; text: string };

/** What an answer must never say: the API's 500, a tool's "on our side", a leaked exception. */
export const INTERNAL =
  /something went wrong|\binternal\b|on Fractafrag's side|Output validation error|TypeError|ReferenceError|SyntaxError|RangeError|Cannot read propert|is not a function|is not defined|fetch failed|ECONNREFUSED|\[object Object\]/i;

/** An error has to tell the caller what to change. */
const ACTIONABLE =
  /fix|give|use |check|send|call |must|only|expected|invalid|exceeds|too (long|big|large|many|complex)|not found|visible to you|does not compile|at most|at least|required|create a key|wait|reduce|not both/i;

export function isRejection(outcome: Outcome): boolean {
  return outcome.kind === 'invalid-params' || outcome.kind === 'tool-error';
}

export async function callHostile(client: Client, name: string, args: unknown): Promise<Outcome> {
  let result: CallToolResult;
  try {
    result = (await client.callTool({ name, arguments: args as Record<string, unknown> })) as CallToolResult;
  } catch (err) {
    if (err instanceof McpError) {
      const text = `JSON-RPC ${err.code}: ${err.message}`;
      return err.code === Number(ErrorCode.InvalidParams) && !INTERNAL.test(err.message)
        ? { kind: 'invalid-params', text }
        : { kind: 'broken', text };
    }
    return { kind: 'broken', text: `transport failure: ${String(err)}` };
  }
  const text = textOf(result);
  // The client has checked structuredContent against the tool's output schema.
  if (!result.isError) return { kind: 'accepted', text };
  // The SDK validates arguments against the tool's zod schema and answers -32602 as a tool error.
  if (/^MCP error -32602: Input validation error/.test(text)) return { kind: 'invalid-params', text };
  if (INTERNAL.test(text)) return { kind: 'broken', text };
  if (!ACTIONABLE.test(text)) return { kind: 'broken', text: `says nothing to fix: ${text}` };
  return { kind: 'tool-error', text };
}

/** The rows a rejected write must not have touched: counts, and the latest change of each kind. */
export async function rowState(pool: ApiHarness['db']['pool']): Promise<Record<string, string>> {
  const { rows } = await pool.query<Record<string, string>>(`
    SELECT (SELECT count(*) FROM shaders)::text AS shaders,
           (SELECT count(*) FROM shader_versions)::text AS shader_versions,
           (SELECT count(*) FROM comments)::text AS comments,
           (SELECT count(*) FROM desires)::text AS desires,
           (SELECT count(*) FROM votes)::text AS votes,
           (SELECT coalesce(max(updated_at)::text, '') FROM shaders) AS shaders_updated,
           (SELECT coalesce(max(updated_at)::text, '') FROM desires) AS desires_updated,
           (SELECT coalesce(max(updated_at)::text, '') FROM votes) AS votes_updated`);
  return rows[0]!;
}

/** A short, printable label for a failure report (1 MB strings stay out of it). */
export function clip(text: string, max = 300): string {
  return text.length > max ? `${text.slice(0, max)}… (${text.length} chars)` : text;
}
