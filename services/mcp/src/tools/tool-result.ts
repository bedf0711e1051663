import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';

/** Failures are results the agent can read and act on, not protocol errors. */
export function toolError(message: string): CallToolResult {
  return { isError: true, content: [{ type: 'text', text: message }] };
}

export function toolJson(structured: Record<string, unknown>, summary: string): CallToolResult {
  return {
    content: [{ type: 'text', text: `${summary}\n${JSON.stringify(structured, null, 2)}` }],
    structuredContent: structured,
  };
}
