/**
 * A static file whose client leaves while the file waits to drain: the host's read stream is
 * destroyed with the response, and its file descriptor freed. With pipe() it was only unpiped, so
 * every such client held one descriptor for good, until the host ran out of them. Every wait is on
 * an event (the request's arrival, the response's write refused, its close, the read stream's
 * close), never on a count of turns or a timer, so a loaded machine only makes it slower.
 */
import { mkdtempSync, readdirSync, readlinkSync, rmSync, writeFileSync, type ReadStream } from 'node:fs';
import { createServer, type Server, type ServerResponse } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sendFile } from '../../functions/src/staticFiles';

/** The read streams the host opens, in order. */
const streams: ReadStream[] = [];
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const createReadStream = ((...args: Parameters<typeof fs.createReadStream>) => {
    const s = fs.createReadStream(...args);
    streams.push(s);
    return s;
  }) as typeof fs.createReadStream;
  return { ...fs, createReadStream, default: { ...fs, createReadStream } };
});

const dir = mkdtempSync(join(tmpdir(), 'alvh-static-'));
const file = join(dir, 'big.js');
const SIZE = 32 * 1024 * 1024; // far more than the loopback's socket buffers hold
let server: Server;
let port: number;

/** A response the host began, with the moments the test waits for. */
interface Sent {
  res: ServerResponse;
  /** A write of the file refused: the response waits to drain. */
  backedUp: Promise<void>;
  /** The response closed (destroyed with its client). */
  closed: Promise<void>;
}
const sent: Sent[] = [];
const arrivals: ((s: Sent) => void)[] = [];

/** The next response the host begins. */
function nextResponse(): Promise<Sent> {
  return new Promise((resolve) => arrivals.push(resolve));
}

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

beforeAll(async () => {
  writeFileSync(file, Buffer.alloc(SIZE, 0x20));
  server = createServer((_req, res) => {
    const backedUp = new Promise<void>((resolve) => {
      const write = res.write.bind(res) as (...a: unknown[]) => boolean;
      res.write = ((...a: unknown[]) => {
        const ok = write(...a);
        if (!ok) resolve();
        return ok;
      }) as typeof res.write;
    });
    const closed = new Promise<void>((resolve) => res.once('close', () => resolve()));
    const s = { res, backedUp, closed };
    sent.push(s);
    sendFile(res, { path: file, size: SIZE, contentType: 'text/javascript' }, false);
    arrivals.shift()?.(s);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
  rmSync(dir, { recursive: true, force: true });
});

describe.runIf(process.platform === 'linux')('a static file whose client leaves mid-download', () => {
  it('frees the file descriptor once the response is gone, client after client', async () => {
    expect(openOnFile()).toBe(0);
    for (let k = 0; k < 5; k++) {
      const arrived = nextResponse();
      const socket = connect(port, '127.0.0.1');
      socket.on('error', () => undefined);
      socket.pause(); // reads nothing: the host's writes back up
      socket.write('GET /big.js HTTP/1.1\r\nHost: x\r\n\r\n');
      const { backedUp, closed } = await arrived;
      await backedUp;
      expect(openOnFile()).toBe(1);
      const stream = streams[k]!;
      const streamClosed = new Promise<void>((resolve) =>
        stream.closed ? resolve() : stream.once('close', () => resolve()),
      );
      socket.destroy();
      await closed;
      await streamClosed; // with pipe() it never closes: the test times out here
      expect(openOnFile()).toBe(0);
    }
    expect(streams).toHaveLength(5);
    expect(openOnFile()).toBe(0);
  });
});
