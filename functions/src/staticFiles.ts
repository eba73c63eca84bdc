/**
 * Static files for the local host: the built add-in (addin/dist) at `/`. Only GET and HEAD, only
 * files inside the root (no `..`, no encoded escapes, no symlinks out, no source maps), `/` and
 * `/index.html` → taskpane.html, no file by a path ending in a slash, content types by extension.
 */
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { extname, resolve, sep } from 'node:path';
import { pipeline } from 'node:stream';

export const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
};

export type StaticResult =
  | { kind: 'file'; path: string; size: number; contentType: string }
  | { kind: 'not-found'; reason: string; fix?: string }
  | { kind: 'bad-path'; reason: string };

/**
 * Resolve a URL path (already without the query) to a file under `root`. Never returns a path
 * outside `root`, whatever the encoding tricks.
 */
export async function resolveStatic(root: string, urlPath: string): Promise<StaticResult> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return { kind: 'bad-path', reason: 'the path is not valid percent-encoding' };
  }
  // Source maps carry the full sources: never served, whatever the build left in the folder.
  if (/\.map$/i.test(decoded)) return { kind: 'not-found', reason: 'source maps are not served' };
  if (decoded.includes('\0') || decoded.includes('\\'))
    return { kind: 'bad-path', reason: 'the path has forbidden characters' };
  const parts = decoded.split('/');
  const segments = parts.filter((s) => s !== '' && s !== '.');
  if (segments.some((s) => s === '..')) return { kind: 'bad-path', reason: 'the path may not contain ..' };
  // A path ending in / (or %2f, or /.) names a folder: a file there is not served, or its page's
  // relative links would resolve below it (/taskpane.html/taskpane.js) and the page load broken.
  const asFolder = segments.length > 0 && (parts.at(-1) === '' || parts.at(-1) === '.');
  let rel = segments.join('/');
  if (rel === '' || rel === 'index.html') rel = 'taskpane.html';
  const rootAbs = resolve(root);
  const candidate = resolve(rootAbs, rel);
  if (candidate !== rootAbs && !candidate.startsWith(rootAbs + sep))
    return { kind: 'bad-path', reason: 'outside the root' };
  try {
    const [realRoot, realFile] = await Promise.all([realpath(rootAbs), realpath(candidate)]);
    if (!realFile.startsWith(realRoot + sep)) return { kind: 'bad-path', reason: 'outside the root' };
    const st = await stat(realFile);
    if (!st.isFile()) return { kind: 'not-found', reason: `${urlPath} is not a file` };
    if (asFolder)
      return {
        kind: 'not-found',
        reason: `/${rel} is a file, not a folder`,
        fix: `ask for /${rel}, without the trailing slash`,
      };
    const contentType = CONTENT_TYPES[extname(realFile).toLowerCase()] ?? 'application/octet-stream';
    return { kind: 'file', path: realFile, size: st.size, contentType };
  } catch {
    return { kind: 'not-found', reason: `no file ${urlPath}` };
  }
}

/** Stream a resolved file (headers only for HEAD). */
export function sendFile(
  res: ServerResponse,
  file: { path: string; size: number; contentType: string },
  head: boolean,
  extraHeaders: Readonly<Record<string, string>> = {},
): void {
  res.writeHead(200, {
    ...extraHeaders,
    'content-type': file.contentType,
    'content-length': String(file.size),
    'cache-control': 'no-cache',
    'x-content-type-options': 'nosniff',
  });
  if (head) {
    res.end();
    return;
  }
  // pipeline, not pipe: a response destroyed while the file waits to drain (a client gone, the
  // stalled-write close) destroys the read stream too and frees its file descriptor; pipe would
  // only unpipe it and leave the descriptor open for good. A read error destroys the response.
  pipeline(createReadStream(file.path), res, () => undefined);
}
