// A loopback listener standing in for an outside host: it records every request that reaches it (path and headers)
// and answers each with a 1×1 GIF, so an image, a poster or a CSS background would load for real, or with one of
// the files it was given (a bundle a shared link points at).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A running listener on 127.0.0.1. */
export interface Listener {
  /** http://127.0.0.1:PORT */
  url: string;
  /** Every request that reached it, in order. */
  hits: { path: string; headers: Record<string, string> }[];
  close(): Promise<void>;
}

const GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

/** A file the listener serves at a path. */
export interface ServedFile {
  body: Buffer;
  type: string;
}

/** Starts a listener on a free loopback port. */
export async function startListener(files: Record<string, ServedFile> = {}): Promise<Listener> {
  const hits: Listener['hits'] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    hits.push({
      path: req.url ?? '',
      headers: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)])),
    });
    const file = files[(req.url ?? '').split('?')[0] ?? ''];
    res
      .writeHead(200, {
        'Content-Type': file?.type ?? 'image/gif',
        'Access-Control-Allow-Origin': '*',
        'Cross-Origin-Resource-Policy': 'cross-origin',
      })
      .end(file?.body ?? GIF);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    hits,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
