import type { ErrorRequestHandler } from 'express';

interface BodyError {
  status?: unknown;
  /** http-errors sets it on client errors, which the JSON parser raises. */
  expose?: unknown;
  type?: unknown;
  code?: unknown;
}

/**
 * Bodies the JSON parser refuses (not JSON, too large, a charset or Content-Encoding it cannot
 * read, a gzip body that is not gzip) get a JSON-RPC error with the parser's 4xx status, as MCP
 * clients expect from this endpoint, instead of the generic shape (or a 500 for the kinds the
 * generic handler does not know).
 */
export function jsonRpcBodyErrors(bodyLimit: string): ErrorRequestHandler {
  return (err: unknown, _req, res, next) => {
    const { status, expose, type, code } = (err ?? {}) as BodyError;
    if (typeof status !== 'number' || status < 400 || status >= 500 || expose !== true) {
      next(err);
      return;
    }
    const [rpcCode, message] =
      type === 'entity.parse.failed'
        ? [-32700, 'Parse error: the request body is not valid JSON.']
        : type === 'entity.too.large'
          ? [
              -32600,
              `Invalid Request: the request body is larger than the ${bodyLimit} this endpoint accepts.`,
            ]
          : [
              -32600,
              `Invalid Request: the request body could not be read (${describe(type, code, status)}); ` +
                'send UTF-8 JSON, uncompressed or with a matching Content-Encoding.',
            ];
    res.status(status).json({ jsonrpc: '2.0', error: { code: rpcCode, message }, id: null });
  };
}

function describe(type: unknown, code: unknown, status: number): string {
  if (typeof type === 'string') return type;
  if (typeof code === 'string') return code;
  return `HTTP ${status}`;
}
