import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { type RequestHandler, type Response, Router } from 'express';

/** Vite puts content-hashed files under assets/: their URL changes whenever their bytes do. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** index.html names the current hashed assets, so the browser must revalidate it every time. */
const REVALIDATE = 'no-cache';
/** Unhashed files copied from public/ (favicon): short-lived. */
const SHORT = 'public, max-age=3600';

/** Paths that belong to other services; a stray request for them gets a 404, never the SPA. */
const NOT_SPA = /^\/(?:api|mcp|renders)(?:\/|$)/;
/** A last segment with an extension names a file: missing files are 404s, not the SPA. */
const LOOKS_LIKE_FILE = /\/[^/]*\.[^/]+$/;

function setSecurityHeaders(res: Response): void {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'strict-origin-when-cross-origin');
}

/**
 * Serves the Vite build in `distDir`: hashed assets cached for a year, index.html revalidated,
 * and index.html for every other GET that looks like an SPA route (deep links, the 404 page).
 */
export function serveSpa(distDir: string): RequestHandler {
  const indexFile = path.join(distDir, 'index.html');
  if (!existsSync(indexFile)) {
    throw new Error(`${indexFile} is missing: run \`pnpm --filter @fractafrag/frontend build\` first.`);
  }
  const assetsDir = path.join(distDir, 'assets');

  const router = Router();
  router.use(
    express.static(distDir, {
      index: false,
      redirect: false,
      setHeaders: (res, filePath) => {
        setSecurityHeaders(res);
        if (filePath.startsWith(assetsDir + path.sep)) res.setHeader('Cache-Control', IMMUTABLE);
        else if (filePath === indexFile) res.setHeader('Cache-Control', REVALIDATE);
        else res.setHeader('Cache-Control', SHORT);
      },
    }),
  );
  router.use((req, res, next) => {
    if (
      (req.method !== 'GET' && req.method !== 'HEAD') ||
      NOT_SPA.test(req.path) ||
      LOOKS_LIKE_FILE.test(req.path)
    ) {
      next();
      return;
    }
    setSecurityHeaders(res);
    res.setHeader('Cache-Control', REVALIDATE);
    res.sendFile(indexFile, (err) => {
      // A client that hung up mid-transfer needs no error reply.
      if (err && !res.headersSent) next(err);
    });
  });
  return router;
}
