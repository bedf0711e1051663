import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The floor of what any Node HTTP server can do here: a bare node:http answering fixed bytes. */
export async function startBareServer(body: Buffer): Promise<{ url: string; server: Server }> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': body.length });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, server };
}
