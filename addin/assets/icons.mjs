// The add-in's icons, drawn in code so that no binary lives in the repository: a navy rounded
// square with a white VIX futures curve (backwardation rolling into contango) and an amber tail
// point. `pngIcon(size)` returns a PNG (RGBA, 8-bit) of size × size pixels.
import { Buffer } from 'node:buffer';
import { crc32, deflateSync } from 'node:zlib';

/** The sizes the manifest references (16/32/80 for the ribbon, 64 for the add-in's icon). */
export const ICON_SIZES = [16, 32, 64, 80];

const NAVY = [31, 58, 95];
const WHITE = [255, 255, 255];
const AMBER = [242, 169, 0];
/** The curve, in unit coordinates (y down). */
const CURVE = [
  [0.16, 0.3],
  [0.36, 0.56],
  [0.58, 0.66],
  [0.84, 0.7],
];
const TAIL = [0.72, 0.3];

function distToSegment(px, py, [ax, ay], [bx, by]) {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - ax - t * dx, py - ay - t * dy);
}

/** Coverage in [0, 1] of a pixel by a shape whose signed distance (px, negative inside) is d. */
const cover = (d) => Math.max(0, Math.min(1, 0.5 - d));

function pixel(x, y, n) {
  const u = (x + 0.5) / n;
  const v = (y + 0.5) / n;
  // Rounded square background with corner radius 18% and a transparent outside.
  const r = 0.18;
  const qx = Math.max(Math.abs(u - 0.5) - (0.5 - r), 0);
  const qy = Math.max(Math.abs(v - 0.5) - (0.5 - r), 0);
  const bg = cover((Math.hypot(qx, qy) - r) * n);
  let rgb = NAVY;
  let line = 0;
  for (let i = 0; i + 1 < CURVE.length; i++) {
    line = Math.max(line, cover((distToSegment(u, v, CURVE[i], CURVE[i + 1]) - 0.055) * n));
  }
  rgb = rgb.map((c, k) => c + (WHITE[k] - c) * line);
  const dot = cover((Math.hypot(u - TAIL[0], v - TAIL[1]) - 0.1) * n);
  rgb = rgb.map((c, k) => c + (AMBER[k] - c) * dot);
  return [...rgb.map((c) => Math.round(c)), Math.round(255 * bg)];
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body) >>> 0);
  return Buffer.concat([len, body, crc]);
}

/** A PNG of the icon at `size` pixels. */
export function pngIcon(size) {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    const row = y * (size * 4 + 1);
    raw[row] = 0; // filter: none
    for (let x = 0; x < size; x++) raw.set(pixel(x, y, size), row + 1 + x * 4);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, deflate, no filter set, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
