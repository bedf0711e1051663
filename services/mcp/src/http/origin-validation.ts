import type { RequestHandler } from 'express';

/**
 * DNS-rebinding protection for browsers: a request that carries an Origin must come from one of
 * our own host names (the Host header is checked separately). Clients that are not browsers send
 * no Origin and pass.
 */
export function originValidation(allowedHostnames: string[]): RequestHandler {
  return (req, res, next) => {
    const origin = req.header('origin');
    if (!origin) return next();
    let hostname: string | undefined;
    try {
      hostname = new URL(origin).hostname;
    } catch {
      hostname = undefined;
    }
    if (hostname && allowedHostnames.includes(hostname)) return next();
    res.status(403).json({
      jsonrpc: '2.0',
      error: { code: -32000, message: `Origin not allowed: ${origin}. Add its host to MCP_ALLOWED_HOSTS.` },
      id: null,
    });
  };
}
