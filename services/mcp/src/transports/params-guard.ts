import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { ClientRequestSchema, ErrorCode, JSONRPCRequestSchema } from '@modelcontextprotocol/sdk/types.js';

type RequestSchema = (typeof ClientRequestSchema.options)[number];

const requestSchemas = new Map<string, RequestSchema>(
  ClientRequestSchema.options.map((schema) => [schema.shape.method.value, schema]),
);

/**
 * The SDK answers a known method whose params have the wrong shape (tools/call with
 * `"arguments": "x"`, resources/read with a numeric uri) with -32603 Internal error. Checked here
 * first, such a request gets -32602 Invalid params naming the field, and never reaches the server.
 * Call after `server.connect(transport)`, which installs the handler this wraps.
 */
export function refuseMalformedParams(transport: Transport): void {
  const deliver = transport.onmessage;
  if (!deliver) throw new Error('refuseMalformedParams: connect the server to the transport first');
  transport.onmessage = (message, extra) => {
    const request = JSONRPCRequestSchema.safeParse(message);
    const schema = request.success ? requestSchemas.get(request.data.method) : undefined;
    const parsed = schema?.safeParse(message);
    if (!request.success || !parsed || parsed.success) return deliver(message, extra);
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || 'request'}: ${i.message}`);
    void transport.send({
      jsonrpc: '2.0',
      id: request.data.id,
      error: {
        code: ErrorCode.InvalidParams,
        message: `Invalid params for ${request.data.method}: ${problems.slice(0, 5).join('; ')}`,
      },
    });
  };
}
