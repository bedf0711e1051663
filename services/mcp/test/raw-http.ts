import { request } from 'node:http';

export interface RawResponse {
  status: number;
  contentType: string;
  text: string;
  /** The body as JSON, or undefined when it is not JSON. */
  json: unknown;
}

/**
 * One HTTP request with exactly the headers given (fetch would add Accept and forbid Host), so
 * hostile header combinations reach the server as sent.
 */
export function rawRequest(
  url: string,
  method: string,
  headers: Record<string, string>,
  body?: string | Buffer,
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json: unknown;
        try {
          json = JSON.parse(text);
        } catch {
          json = undefined;
        }
        resolve({ status: res.statusCode ?? 0, contentType: res.headers['content-type'] ?? '', text, json });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

export const MCP_HEADERS = {
  'content-type': 'application/json',
  accept: 'application/json, text/event-stream',
};

export const rpc = (method: string, params?: unknown, id: unknown = 1): string =>
  JSON.stringify({ jsonrpc: '2.0', id, method, ...(params === undefined ? {} : { params }) });

interface JsonRpcReply {
  id?: unknown;
  result?: { isError?: boolean; content?: { text?: string }[] };
  error?: { code: number; message: string };
}

/** The JSON-RPC replies in a body (one object or a batch array). */
export function repliesOf(json: unknown): JsonRpcReply[] {
  if (Array.isArray(json)) return json as JsonRpcReply[];
  return json && typeof json === 'object' ? [json as JsonRpcReply] : [];
}
