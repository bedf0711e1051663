import { pino, stdSerializers, type DestinationStream, type Logger } from 'pino';

export type { Logger };

// Field names that hold a credential, wherever a log call puts them (top level or one object down).
const SECRET_FIELDS = [
  'password',
  'currentPassword',
  'newPassword',
  'token',
  'accessToken',
  'refreshToken',
  'apiKey',
  'key',
  'secret',
  'authorization',
  'cookie',
  'set-cookie',
  'x-api-key',
];
const SECRET_PATHS = [
  ...SECRET_FIELDS.map((field) => `["${field}"]`),
  ...SECRET_FIELDS.map((field) => `*["${field}"]`),
  ...SECRET_FIELDS.map((field) => `*.headers["${field}"]`),
];

// What an error may add to its message and stack in a log line: no bodies, headers or values.
const ERROR_FIELDS = ['code', 'status', 'table', 'column', 'constraint'] as const;

/**
 * Errors keep their message, stack and a few descriptive fields only: body-parser and HTTP client
 * errors carry the request body or headers as properties, which may hold a password or a token.
 */
function serializeError(err: unknown): unknown {
  if (!(err instanceof Error)) return err;
  // The standard serializer folds `cause` into message and stack.
  const { type, message, stack } = stdSerializers.err(err);
  const fields = err as unknown as Record<string, unknown>;
  const kept = Object.fromEntries(
    ERROR_FIELDS.filter((f) => fields[f] !== undefined).map((f) => [f, fields[f]]),
  );
  return { type, message, stack, ...kept };
}

/** Query strings are where clients put tokens (`?token=`, `?api_key=`): logged URLs keep only the path. */
function withoutQuery(url: unknown): unknown {
  return typeof url === 'string' && url.includes('?') ? `${url.slice(0, url.indexOf('?'))}?[redacted]` : url;
}

/**
 * One JSON line per event; secrets are redacted wherever they appear. `destination` defaults to
 * stdout (tests pass a stream to read what was logged).
 */
export function createLogger(
  service: string,
  level: string = 'info',
  destination?: DestinationStream,
): Logger {
  return pino(
    {
      level,
      base: { service },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: SECRET_PATHS, censor: '[redacted]' },
      serializers: { err: serializeError, url: withoutQuery, path: withoutQuery },
      formatters: { level: (label) => ({ level: label }) },
    },
    destination,
  );
}
