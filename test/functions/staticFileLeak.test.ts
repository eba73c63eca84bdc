/**
 * A static file whose client leaves while the file waits to drain: the host's read stream is
 * destroyed with the response, and its file descriptor freed. With pipe() it was only unpiped, so
 * every such client held one descriptor for good, until the host ran out of them.
 */
import { mkdtempSync, readdirSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type ServerResponse } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendFile } from '../../functions/src/staticFiles';

const dir = mkdtempSync(join(tmpdir(), 'alvh-static-'));
const file = join(dir, 'big.js');
const SIZE = 32 * 1024 * 1024; // far more than the loopback's socket buffers hold
let server: Server;
let port: number;
const responses: ServerResponse[] = [];

/** This process's open descriptors on the file. */
function openOnFile(): number {
  return readdirSync('/proc/self/fd').filter((fd) => {
    try {
      return readlinkSync(`/proc/self/fd/${fd}`) === file;
    } catch {
      return false; // closed between the listing and the read
    }
  }).length;
}

/** Wait (bounded: event-loop turns, no timer racing) until `ok` holds. */
async function until(ok: () => boolean, what: string, turns = 20_000): Promise<void> {
  for (let i = 0; i < turns; i++) {
    if (ok()) return;
    await new Promise((r) => setImmediate(r));
  }
  throw new Error(`never: ${what}`);
}

beforeAll(async () => {
  writeFileSync(file, Buffer.alloc(SIZE, 0x20));
  server = createServer((_req, res) => {
    responses.push(res);
    sendFile(res, { path: file, size: SIZE, contentType: 'text/javascript' }, false);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise((r) => server.close(r));
  rmSync(dir, { recursive: true, force: true });
});

describe.runIf(process.platform === 'linux')('a static file whose client leaves mid-download', () => {
  it('frees the file descriptor once the response is gone, client after client', async () => {
    expect(openOnFile()).toBe(0);
    for (let k = 0; k < 5; k++) {
      const socket = connect(port, '127.0.0.1');
      socket.on('error', () => undefined);
      socket.pause(); // reads nothing: the host's writes back up
      socket.write('GET /big.js HTTP/1.1\r\nHost: x\r\n\r\n');
      await until(() => responses.length === k + 1, 'the request reached the host');
      const res = responses[k]!;
      await until(() => res.writableNeedDrain, 'the response waits to drain');
      expect(openOnFile()).toBe(1);
      socket.destroy();
      await until(() => res.destroyed, 'the response is destroyed');
      await until(() => openOnFile() === 0, 'the read stream closed its descriptor');
    }
    expect(openOnFile()).toBe(0);
  });
});
