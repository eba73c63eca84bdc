/**
 * The built add-in (addin/dist) served over loopback HTTP for the browser suites: a file by its
 * path, a 404 for anything outside the folder or missing. A suite that answers API routes itself
 * passes `route`, which sees each request first and returns true when it has answered.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { addinDist, ensureAddinBuilt } from './customFunctions';

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.json': 'application/json',
  '.png': 'image/png',
  '.css': 'text/css',
};

export interface AddinServer {
  /** `http://localhost:<port>`, the origin the pages are opened at. */
  base: string;
  close(): Promise<void>;
}

/** Answer `req` with the file of addin/dist its path names, or a 404. */
function serveFile(req: IncomingMessage, res: ServerResponse): void {
  const path = new URL(req.url ?? '/', 'http://x').pathname;
  const file = join(addinDist, normalize(decodeURIComponent(path)).replace(/^([/\\])+/, ''));
  if (!file.startsWith(addinDist) || !existsSync(file)) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
}

/** Build the add-in if it is not built, and serve it on a free loopback port. */
export async function startAddinServer(
  route?: (req: IncomingMessage, res: ServerResponse) => boolean,
): Promise<AddinServer> {
  ensureAddinBuilt();
  const server = createServer((req, res) => {
    if (!route?.(req, res)) serveFile(req, res);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return {
    base: `http://localhost:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}
