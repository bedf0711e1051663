import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ENTRY = fileURLToPath(new URL('./page/render-page.entry.ts', import.meta.url));
const HTML = `<!doctype html>
<html><head><meta charset="utf-8"><title>fractafrag render page</title></head>
<body style="margin:0;background:#000"><script src="/render-page.js"></script></body></html>
`;

export interface PageServer {
  url: string;
  close(): Promise<void>;
}

/** Bundles the render page (the shared glsl-runtime included) once, in memory. */
export async function bundleRenderPage(): Promise<string> {
  const result = await build({
    entryPoints: [ENTRY],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    minify: true,
    legalComments: 'none',
    logLevel: 'silent',
  });
  const output = result.outputFiles[0];
  if (!output) throw new Error('esbuild produced no render page bundle');
  return output.text;
}

/** Serves the render page to the pool's browsers, on loopback only, at an ephemeral port. */
export async function startPageServer(): Promise<PageServer> {
  const script = await bundleRenderPage();
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    const body = path === '/' ? HTML : path === '/render-page.js' ? script : null;
    if (body === null) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, {
      'content-type': path === '/' ? 'text/html; charset=utf-8' : 'text/javascript; charset=utf-8',
      'cache-control': 'no-store',
    });
    res.end(body);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
