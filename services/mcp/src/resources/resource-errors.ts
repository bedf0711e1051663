import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
import type { ApiFailure } from '../api-client.ts';

/** JSON-RPC code the MCP specification gives to "resource not found". */
const RESOURCE_NOT_FOUND = -32002;

/** Resource reads have no isError result: failures are JSON-RPC errors whose message says what to do. */
export function resourceError(uri: string, failure: ApiFailure, notFound: string): McpError {
  if (failure.status === 404) return new McpError(RESOURCE_NOT_FOUND, `${uri}: ${notFound}`, { uri });
  if (failure.status === 401 || failure.status === 403) {
    return new McpError(ErrorCode.InvalidRequest, `${uri}: ${failure.message}`, { uri });
  }
  return new McpError(ErrorCode.InternalError, `${uri}: ${failure.message}`, { uri });
}

export function resourceNotFound(uri: string, message: string): McpError {
  return new McpError(RESOURCE_NOT_FOUND, `${uri}: ${message}`, { uri });
}

/** A template variable as one string (the SDK allows lists for exploded variables). */
export function variable(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? value[0] : value) ?? '';
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: string) => UUID.test(value);
