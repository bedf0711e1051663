import type { IncomingMessage } from 'node:http';
import { Router } from 'express';
import { SSEServerTransport } from '@modelcontextprotocol/sdk/server/sse.js';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { errorBody, type Logger } from '@fractafrag/core';
import { credentialsFingerprint, credentialsFrom } from '../http/credentials.ts';
import { countMessages } from '../mcp-metrics.ts';
import { requestContext } from '../request-context.ts';
import { createServer } from '../server.ts';
import { refuseMalformedParams } from './params-guard.ts';
import type { TransportDeps } from './streamable-http.transport.ts';

interface Session {
  transport: SSEServerTransport;
  server: McpServer;
  /** The credentials the session was opened with; every message must carry the same. */
  fingerprint: string;
  keepAlive: NodeJS.Timeout;
}

export interface LegacySseOptions extends TransportDeps {
  logger: Logger;
  /** Comment frames keep idle streams open through proxies. */
  keepAliveMs?: number;
  maxSessions?: number;
}

export interface LegacySse {
  router: Router;
  sessionCount(): number;
  /** Ends every open stream (shutdown), so the HTTP server can close. */
  closeAll(): Promise<void>;
}

/**
 * The 2024-11-05 HTTP+SSE transport for older clients: GET /sse opens a stream (one server per
 * session, acting with the credentials sent on that GET) and announces where to POST; POST
 * /messages?sessionId=… delivers each message, whose reply comes back on the stream.
 */
export function legacySseRoutes(options: LegacySseOptions): LegacySse {
  const { keepAliveMs = 15_000, maxSessions = 500, logger } = options;
  const sessions = new Map<string, Session>();
  const router = Router();

  async function close(id: string): Promise<void> {
    const session = sessions.get(id);
    if (!session) return;
    sessions.delete(id);
    options.metrics.sseSessions.set(sessions.size);
    clearInterval(session.keepAlive);
    await session.server.close().catch(() => undefined);
  }

  router.get('/sse', async (req, res) => {
    if (sessions.size >= maxSessions) {
      res
        .status(503)
        .set('Retry-After', '30')
        .json(errorBody('too_many_sessions', 'Too many open SSE sessions; retry shortly or use POST /mcp.'));
      return;
    }
    const credentials = credentialsFrom(req);
    const transport = new SSEServerTransport(`${req.baseUrl}/messages`, res);
    const server = createServer(options.contextFor(credentials));
    const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), keepAliveMs);
    keepAlive.unref();
    sessions.set(transport.sessionId, {
      transport,
      server,
      fingerprint: credentialsFingerprint(credentials),
      keepAlive,
    });
    options.metrics.sseSessions.set(sessions.size);
    res.on('close', () => void close(transport.sessionId));
    await server.connect(transport);
    refuseMalformedParams(transport);
    logger.info({ session_id: transport.sessionId, request_id: req.id }, 'sse session opened');
  });

  router.post('/messages', async (req, res) => {
    const id = typeof req.query.sessionId === 'string' ? req.query.sessionId : '';
    const session = sessions.get(id);
    if (!session) {
      res
        .status(404)
        .json(
          errorBody('unknown_session', 'No such SSE session (it ended): open a new one with GET /mcp/sse.'),
        );
      return;
    }
    if (credentialsFingerprint(credentialsFrom(req)) !== session.fingerprint) {
      res
        .status(403)
        .json(
          errorBody(
            'session_credentials_mismatch',
            'Send the same Authorization (or X-API-Key) header as when this SSE session was opened.',
          ),
        );
      return;
    }
    countMessages(options.metrics, 'sse', req.body);
    await requestContext.run({ requestId: req.id, clientIp: req.ip }, () =>
      // No SDK-level auth: the caller's credentials go to the API, which authenticates them.
      session.transport.handlePostMessage(req as IncomingMessage, res, req.body),
    );
  });

  return {
    router,
    sessionCount: () => sessions.size,
    async closeAll() {
      await Promise.all([...sessions.keys()].map((id) => close(id)));
    },
  };
}
