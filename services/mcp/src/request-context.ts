import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The HTTP request an MCP message arrived on. A legacy SSE session outlives its requests, so tool
 * calls read the request id and client address from here rather than from the session.
 */
export interface RequestContext {
  requestId: string;
  /** The MCP client's address (nginx's X-Forwarded-For already applied), passed on to the API. */
  clientIp: string | undefined;
}

export const requestContext = new AsyncLocalStorage<RequestContext>();
