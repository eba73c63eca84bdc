/**
 * The local host's own problem documents (those no route writes) name the path they are about
 * (`instance`) whenever a request line was read; the 405 of its method gate carries CORS like the
 * route's own 405; files (OPTIONS on one a 204) and `OPTIONS *` are answered in words that match
 * their headers; a file asked for with a trailing slash is a 404, not the file; and no form of `..`,
 * nor a link to a sibling folder whose name starts with the served folder's, reaches outside it.
 */
import { mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalHost, type LocalHost } from '../../functions/src/localHost';

const ORIGIN = 'https://localhost:3000';
let host: LocalHost;
let base: string;

beforeAll(async () => {
  base = mkdtempSync(join(tmpdir(), 'alvh-problems-'));
  const root = join(base, 'www');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'taskpane.html'), '<!doctype html><title>ALVH</title>');
  writeFileSync(join(base, 'secret.txt'), 'do not serve');
  host = await startLocalHost({ port: 0, host: '127.0.0.1', tls: false, staticRoot: root, corsOrigins: [ORIGIN] });
});

afterAll(async () => {
  await host?.close();
  if (base) rmSync(base, { recursive: true, force: true });
});

interface Answer {
  status: number;
  head: string;
  problem: Record<string, unknown> | undefined;
}

/** Send `text` as it is and read the answer until the host closes (every request here says close). */
function raw(text: string): Promise<Answer> {
  return new Promise((ok, fail) => {
    const s = connect(host.port, '127.0.0.1', () => s.write(text));
    let data = '';
    s.on('data', (d: Buffer) => (data += d.toString('latin1')));
    s.on('end', () => {
      const at = data.indexOf('\r\n\r\n');
      const head = data.slice(0, at);
      const body = data.slice(at + 4);
      ok({
        status: Number(/^HTTP\/1\.1 (\d+)/.exec(head)?.[1]),
        head,
        problem: body.startsWith('{') ? (JSON.parse(body) as Record<string, unknown>) : undefined,
      });
    });
    s.on('error', fail);
  });
}

const request = (line: string, headers = 'Host: x\r\n') => raw(`${line}\r\n${headers}Connection: close\r\n\r\n`);

describe('local host problem documents', () => {
  it('an HTTP/1.1 request without Host: 400 naming its path', async () => {
    const a = await raw('GET /api/health?x=1 HTTP/1.1\r\nConnection: close\r\n\r\n');
    expect(a.status).toBe(400);
    expect(a.problem).toMatchObject({ code: 'bad_request', instance: '/api/health' });
  });

  it('a method the host does not take on a page: 405 naming the path', async () => {
    const a = await request('TRACE / HTTP/1.1');
    expect(a.status).toBe(405);
    expect(a.problem).toMatchObject({ code: 'method_not_allowed', instance: '/' });
    expect(a.head).toMatch(/\r\nallow: GET, HEAD\r\n/i);
  });

  it('the method gate’s 405 on an API route carries CORS, as the route’s own 405 does', async () => {
    const put = await request('PUT /api/plan HTTP/1.1', `Host: x\r\nOrigin: ${ORIGIN}\r\n`);
    expect(put.status).toBe(405);
    expect(put.problem).toMatchObject({ code: 'method_not_allowed', instance: '/api/plan' });
    expect(put.head).toMatch(/\r\nallow: POST\r\n/i);
    expect(put.head).toContain(`\r\naccess-control-allow-origin: ${ORIGIN}\r\n`);
    expect(put.head).toMatch(/\r\naccess-control-expose-headers: [^\r]*allow/i);
    const get = await request('GET /api/plan HTTP/1.1', `Host: x\r\nOrigin: ${ORIGIN}\r\n`);
    expect(get.status).toBe(405);
    expect(get.head).toContain(`\r\naccess-control-allow-origin: ${ORIGIN}\r\n`);
  });

  it('OPTIONS on a file: 204 with the methods it takes, and no CORS grant even with an Origin', async () => {
    for (const path of ['/taskpane.html', '/']) {
      const a = await request(`OPTIONS ${path} HTTP/1.1`);
      expect(a.status).toBe(204);
      expect(a.head).toMatch(/\r\nallow: GET, HEAD, OPTIONS\r\n/i);
      expect(a.problem).toBeUndefined();
    }
    const preflight = await request(
      'OPTIONS /taskpane.html HTTP/1.1',
      `Host: x\r\nOrigin: ${ORIGIN}\r\nAccess-Control-Request-Method: GET\r\n`,
    );
    expect(preflight.status).toBe(204);
    expect(preflight.head).not.toMatch(/\r\naccess-control-/i);
  });

  it('OPTIONS on a missing file: the 404 a GET gets', async () => {
    const a = await request('OPTIONS /nope.html HTTP/1.1');
    expect(a.status).toBe(404);
    expect(a.problem).toMatchObject({ code: 'not_found', instance: '/nope.html' });
  });

  it('POST to a file: 405 whose detail names what Allow says', async () => {
    const a = await raw('POST /taskpane.html HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
    expect(a.status).toBe(405);
    expect(a.head).toMatch(/\r\nallow: GET, HEAD\r\n/i);
    expect(a.problem).toMatchObject({
      detail: 'POST is not supported for files; use GET or HEAD',
      instance: '/taskpane.html',
    });
  });

  it.each(['/taskpane.html/', '/taskpane.html%2f', '/taskpane.html%2F.', '/./taskpane.html//'])(
    '%s (a file asked for as a folder): 404 naming the path without the slash, not the page',
    async (path) => {
      const a = await request(`GET ${path} HTTP/1.1`);
      expect(a.status).toBe(404);
      expect(a.head).not.toMatch(/\r\ncontent-type: text\/html/i);
      expect(a.problem).toMatchObject({
        code: 'not_found',
        detail: `${path.replace('/./', '/')} not found: /taskpane.html is a file, not a folder`,
        fix: 'ask for /taskpane.html, without the trailing slash',
        instance: path.replace('/./', '/'),
      });
    },
  );

  it('/ is still the add-in page, and a folder with or without its slash still a plain 404', async () => {
    const page = await request('GET / HTTP/1.1');
    expect(page.status).toBe(200);
    expect(page.head).toMatch(/\r\ncontent-type: text\/html/i);
    for (const path of ['/assets', '/assets/']) {
      const a = await request(`GET ${path} HTTP/1.1`);
      expect(a.status).toBe(404);
      expect(a.problem).toMatchObject({ code: 'not_found', detail: `${path} not found`, instance: path });
    }
  });

  it('OPTIONS * (the server as a whole): 204 with the methods the host takes', async () => {
    const a = await request('OPTIONS * HTTP/1.1');
    expect(a.status).toBe(204);
    expect(a.head).toMatch(/\r\nallow: GET, HEAD, POST, OPTIONS\r\n/i);
    expect(a.problem).toBeUndefined();
  });

  it.each([
    ['/..%5csecret.txt', 'the path has forbidden characters'],
    ['/%00taskpane.html', 'the path has forbidden characters'],
    ['/%E0%A4%A', 'the path is not valid percent-encoding'],
    ['/assets/..%2f..%2fsecret.txt', 'the path may not contain ..'],
  ])('%s: 400 bad_path naming it', async (path, reason) => {
    const a = await request(`GET ${path} HTTP/1.1`);
    expect(a.status).toBe(400);
    expect(a.problem).toMatchObject({
      code: 'bad_path',
      detail: `the path ${path} is not allowed: ${reason}`,
      instance: path,
    });
  });

  it.each([
    '/../secret.txt',
    '/../../etc/passwd',
    '/%2e%2e/secret.txt',
    '/%2E%2E/%2e%2e/etc/passwd',
    '/assets/../../secret.txt',
  ])('%s: the URL parser takes the .. segments away, so it is a 404 for a file inside the folder', async (path) => {
    const a = await request(`GET ${path} HTTP/1.1`);
    expect(a.status).toBe(404);
    expect(a.problem?.code).toBe('not_found');
    expect(a.problem?.instance).not.toContain('..');
    expect(JSON.stringify(a)).not.toContain('do not serve');
  });

  it.runIf(process.platform !== 'win32')(
    'a link inside the folder to a sibling folder whose name starts with its own: 400 bad_path, not the file',
    async () => {
      // www-x beside the served www, and links inside www to a file there and to one of its own
      const root = join(base, 'www');
      mkdirSync(join(base, 'www-x'));
      writeFileSync(join(base, 'www-x', 'secret.txt'), 'do not serve either');
      symlinkSync(join('..', 'www-x', 'secret.txt'), join(root, 'sibling.txt'));
      writeFileSync(join(root, 'assets', 'notes.txt'), 'served');
      symlinkSync(join('assets', 'notes.txt'), join(root, 'notes.txt'));
      const a = await request('GET /sibling.txt HTTP/1.1');
      expect(a.status).toBe(400);
      expect(a.problem).toMatchObject({
        code: 'bad_path',
        detail: 'the path /sibling.txt is not allowed: outside the root',
      });
      expect(JSON.stringify(a)).not.toContain('do not serve');
      // a link to a file of the folder's own is served
      const inside = await fetch(`http://127.0.0.1:${host.port}/notes.txt`);
      expect([inside.status, await inside.text()]).toEqual([200, 'served']);
    },
  );

  it('malformed HTTP (an unknown or lowercase method): 400 without instance, no request line was read', async () => {
    for (const line of ['FOO / HTTP/1.1', 'get / HTTP/1.1']) {
      const a = await request(line);
      expect(a.status).toBe(400);
      expect(a.problem).toMatchObject({ code: 'bad_request' });
      expect(a.problem?.instance).toBeUndefined();
    }
  });
});
