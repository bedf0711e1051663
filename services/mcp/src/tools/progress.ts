import type { RequestHandlerExtra } from '@modelcontextprotocol/sdk/shared/protocol.js';
import type { ServerNotification, ServerRequest } from '@modelcontextprotocol/sdk/types.js';

export type ToolExtra = RequestHandlerExtra<ServerRequest, ServerNotification>;
export type ReportProgress = (progress: number, total: number, message: string) => Promise<void>;

/**
 * notifications/progress for a client that asked for them (a progressToken in _meta); a no-op
 * otherwise. Over Streamable HTTP such a request is answered as an SSE stream so these can flow.
 */
export function progressReporter(extra: ToolExtra): ReportProgress {
  const token = extra._meta?.progressToken;
  if (token === undefined) return async () => {};
  return async (progress, total, message) => {
    try {
      await extra.sendNotification({
        method: 'notifications/progress',
        params: { progressToken: token, progress, total, message },
      });
    } catch {
      // The client went away; the tool's result will not be read either.
    }
  };
}
