import type { CallToolResult, ContentBlock } from '@modelcontextprotocol/sdk/types.js';
import type { ApiFailure } from '../api-client.ts';
import type { ToolContext } from '../tool-context.ts';

/** Failures are results the agent can read and act on, not protocol errors. */
export function toolError(message: string): CallToolResult {
  return { isError: true, content: [{ type: 'text', text: message }] };
}

/** A structured result, with the same data as text for clients that ignore structuredContent. */
export function toolJson(
  structured: Record<string, unknown>,
  summary: string,
  extra: ContentBlock[] = [],
): CallToolResult {
  return {
    content: [{ type: 'text', text: `${summary}\n${JSON.stringify(structured, null, 2)}` }, ...extra],
    structuredContent: structured,
  };
}

export interface FailureHints {
  /** What to do instead when the API answers 404. */
  notFound?: string;
  /** Added to the API's own message on 403 (other than a read-only key). */
  forbidden?: string;
  /** Added to the API's own message on 409. */
  conflict?: string;
}

function formatDetails(details: unknown): string {
  if (Array.isArray(details)) {
    return details
      .map((d: { path?: string; message?: string }) =>
        d && typeof d === 'object' && 'message' in d ? `  - ${d.path ? `${d.path}: ` : ''}${d.message}` : '',
      )
      .filter(Boolean)
      .join('\n');
  }
  return '';
}

/** Turns an API failure into a tool error that says how to fix the call. */
export function apiError(
  ctx: ToolContext,
  action: string,
  failure: ApiFailure,
  hints: FailureHints = {},
): CallToolResult {
  const { status, message } = failure;
  if (status === 401) {
    return toolError(
      `Could not ${action}: the API key was refused (${message}) Check the key your MCP client sends ` +
        `as "Authorization: Bearer ff_…", or create a new one at ${ctx.publicUrl} (Settings → API keys).`,
    );
  }
  if (status === 403 && /read scope/i.test(message)) {
    return toolError(`Could not ${action}: this API key has only the read scope. ${writeKeyHowTo(ctx)}`);
  }
  if (status === 403) return toolError(`Could not ${action}: ${message} ${hints.forbidden ?? ''}`.trim());
  if (status === 404) return toolError(`Could not ${action}: ${hints.notFound ?? message}`);
  if (status === 409) return toolError(`Could not ${action}: ${message} ${hints.conflict ?? ''}`.trim());
  if (status === 400 || status === 413 || status === 422) {
    const lines = formatDetails(failure.details);
    return toolError(
      `Could not ${action}: ${message}${lines ? `\n${lines}` : ''}\nFix the arguments and call again.`,
    );
  }
  if (status === 429) {
    const wait = failure.retryAfterSeconds ? `${failure.retryAfterSeconds} s` : 'a minute';
    return toolError(
      `Could not ${action}: rate limit reached (${message}) Wait ${wait} before calling again.`,
    );
  }
  return toolError(
    `Could not ${action} right now: ${message} This is on Fractafrag's side; try again shortly.`,
  );
}

function writeKeyHowTo(ctx: ToolContext): string {
  return (
    'Create a key with the write scope (log in at ' +
    `${ctx.publicUrl}, Settings → API keys; or POST /api/v1/me/api-keys with ` +
    '{"name":"my agent","scopes":["read","write"]} and your access token), configure your MCP client to ' +
    'send it as the header "Authorization: Bearer ff_…", then call this tool again.'
  );
}

/** Write tools act as a user: without credentials they explain how to get and send an API key. */
export function requireApiKey(ctx: ToolContext, tool: string): CallToolResult | undefined {
  if (ctx.api.hasCredentials) return undefined;
  return toolError(
    `${tool} acts as a Fractafrag user, and this MCP connection sent no API key. ${writeKeyHowTo(ctx)}`,
  );
}
