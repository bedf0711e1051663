/** Socket errors of a dependency that is down or restarting (Postgres, Redis, another service). */
const CONNECTION_ERRORS = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT']);

/**
 * True for errors that mean a backing service is unreachable or restarting rather than a bug, so
 * the same request may succeed in a moment: socket errors, Postgres SQLSTATE class 08 (connection
 * exception) and 57P01-57P03 (shutting down, crashed, starting up), and node-postgres' own
 * connection failures, which carry no code.
 */
export function isDependencyOutage(err: unknown): boolean {
  const { code, message } = (err ?? {}) as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && (CONNECTION_ERRORS.has(code) || /^(08...|57P0[1-3])$/.test(code)))
    return true;
  return (
    typeof message === 'string' &&
    /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error)/.test(
      message,
    )
  );
}
