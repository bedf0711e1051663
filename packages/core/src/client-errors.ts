import { AppError } from './errors.ts';

/**
 * Express and body-parser reject a malformed request with a plain error that carries a 4xx
 * `status` (bad percent-encoding in the path, an unsupported charset or Content-Encoding, a body
 * cut short). Each becomes the one error shape with its own 4xx status and a message saying what
 * to fix, instead of a 500. The original message is not repeated: body-parser's can quote the body.
 */
export function clientErrorFor(err: unknown): AppError | undefined {
  if (err instanceof AppError || typeof err !== 'object' || err === null) return undefined;
  const { status, type } = err as { status?: unknown; type?: unknown };
  if (typeof status !== 'number' || status < 400 || status > 499) return undefined;
  // The shared handler already maps these two.
  if (status === 413 || type === 'entity.parse.failed') return undefined;
  if (err instanceof URIError) {
    return new AppError(400, 'bad_request', 'The URL is not valid percent-encoded UTF-8: fix the path.');
  }
  switch (type) {
    case 'charset.unsupported':
      return new AppError(415, 'unsupported_charset', 'Send the request body as UTF-8 JSON (charset=utf-8).');
    case 'encoding.unsupported':
      return new AppError(
        415,
        'unsupported_encoding',
        'The Content-Encoding of the request body is not supported: send it uncompressed, gzip or deflate.',
      );
    case 'request.aborted':
      return new AppError(400, 'request_aborted', 'The request body ended before it was complete.');
    case 'request.size.invalid':
      return new AppError(400, 'bad_request', 'The request body does not match its Content-Length.');
    default:
      return new AppError(
        status,
        status === 415 ? 'unsupported_media_type' : 'bad_request',
        'The request is malformed: check its encoding, headers and body.',
      );
  }
}
