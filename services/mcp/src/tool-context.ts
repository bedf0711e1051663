import type { ApiClient } from './api-client.ts';
import type { RendersClient } from './renders-client.ts';

/** What every tool, resource and prompt of one MCP server instance may use. */
export interface ToolContext {
  /** The REST API, as the caller. */
  api: ApiClient;
  renders: RendersClient;
  /** Public base URL of the site, for links an agent can give its user. */
  publicUrl: string;
}
