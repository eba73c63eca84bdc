/**
 * The local host's connection cap. Refusing connections past the cap (Node's `maxConnections`)
 * lets a few hundred clients that open connections and then send nothing, or dribble a body, lock
 * everyone else out until the request timeout, and again as soon as they reconnect. Here a new
 * connection past the cap closes instead the oldest connection that holds no request whose body has
 * arrived: one waiting for a request (idle keep-alive or headers still arriving), one whose body is
 * still arriving, or one whose answer is complete and only being flushed. A request the host is
 * working on is never cut; when every connection holds one, the new connection is the one closed.
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

export interface ConnectionCap {
  /** Call at the start of every request (the request listener and the 100-continue one). */
  request(req: IncomingMessage, res: ServerResponse): void;
  /** Connections closed to make room, and new ones closed because none could be. */
  readonly stats: { evicted: number; refused: number };
}

/** Whether closing the connection now loses no work: no request in it, or none past its body. */
function evictable(current: { req: IncomingMessage; res: ServerResponse } | undefined): boolean {
  return current === undefined || !current.req.complete || current.res.writableEnded;
}

/**
 * The TCP connection of a request's socket. Over TLS the request's socket is the TLSSocket, which
 * Node's tls.Server builds around the TCP socket its 'connection' event gave (`_parent`): the cap
 * counts TCP connections, so that one whose handshake never ends counts too.
 */
function rawSocket(socket: Socket): Socket {
  return (socket as Socket & { _parent?: Socket | null })._parent ?? socket;
}

/** Keep at most `cap` connections open on `server` (see the module's comment). */
export function capConnections(server: Server, cap: number): ConnectionCap {
  // Insertion order is connection order: the first evictable entry is the oldest.
  const open = new Map<Socket, { req: IncomingMessage; res: ServerResponse } | undefined>();
  const stats = { evicted: 0, refused: 0 };
  server.on('connection', (socket: Socket) => {
    if (open.size >= cap) {
      let victim: Socket | undefined;
      for (const [s, current] of open) {
        if (evictable(current)) {
          victim = s;
          break;
        }
      }
      if (victim === undefined) {
        stats.refused++;
        socket.destroy();
        return;
      }
      stats.evicted++;
      open.delete(victim);
      victim.destroy();
    }
    open.set(socket, undefined);
    socket.once('close', () => open.delete(socket));
  });
  return {
    stats,
    request(req, res) {
      const socket = rawSocket(req.socket);
      if (!open.has(socket)) return; // closed meanwhile
      const current = { req, res };
      open.set(socket, current);
      res.once('close', () => {
        if (open.get(socket) === current) open.set(socket, undefined);
      });
    },
  };
}
