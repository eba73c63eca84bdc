/**
 * Philox4x32-10, the counter-based generator of Salmon, Moraes, Dror and Shaw, "Parallel random
 * numbers: as easy as 1, 2, 3" (SC11, 2011), as in the Random123 library. Output is a pure function
 * of a 128-bit counter and a 64-bit key, so any draw of any path can be computed independently: the
 * Monte Carlo keys it by (seed, path) and counts steps, which makes results independent of how the
 * paths are split across chunks, threads or machines.
 *
 * Pure 32-bit arithmetic: the low half of each 32×32 product by `Math.imul`, the high half from
 * the double product corrected by the exact low half. No BigInt, no allocation per call.
 */

const M0 = 0xd2511f53;
const M1 = 0xcd9e8d57;
const W0 = 0x9e3779b9;
const W1 = 0xbb67ae85;
const TWO_POW_32 = 4294967296;

const TWO_POW_M32 = 1 / TWO_POW_32;

/**
 * High 32 bits of the 64-bit product of uint32 `x` and uint32 `m`, given the exact low 32 bits
 * `lo` (from Math.imul, as a uint32). The double product x·m is within 2^11 of the true product,
 * so (x·m − lo)/2^32 lies within 2^−20 of the true high word, an integer N < 2^32 − 1: adding ½
 * (exact to within 2^−21) and truncating to 32 bits (`>>> 0`, one machine conversion, cheaper than
 * Math.round) recovers N exactly. The division is written as the product by 2^−32, which is exact
 * and much cheaper than a divide.
 */
function mulhi(x: number, m: number, lo: number): number {
  return ((x * m - lo) * TWO_POW_M32 + 0.5) >>> 0;
}

/**
 * One Philox4x32-10 block: writes the four output words for counter (c0, c1, c2, c3) and key
 * (k0, k1) into `out[0..3]` (all uint32).
 *
 * @example
 * const out = new Uint32Array(4);
 * philox4x32(0, 0, 0, 0, 0, 0, out); // out = [0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8]
 */
export function philox4x32(
  c0: number,
  c1: number,
  c2: number,
  c3: number,
  k0: number,
  k1: number,
  out: Uint32Array,
): void {
  // int32 words, as in philox4x32Pair.
  let x0 = c0 | 0;
  let x1 = c1 | 0;
  let x2 = c2 | 0;
  let x3 = c3 | 0;
  let a = k0 | 0;
  let b = k1 | 0;
  for (let r = 0; r < 10; r++) {
    if (r > 0) {
      a = (a + W0) | 0;
      b = (b + W1) | 0;
    }
    const lo0 = Math.imul(x0, M0);
    const hi0 = mulhi(x0 >>> 0, M0, lo0 >>> 0);
    const lo1 = Math.imul(x2, M1);
    const hi1 = mulhi(x2 >>> 0, M1, lo1 >>> 0);
    x0 = hi1 ^ x1 ^ a;
    x1 = lo1;
    x2 = hi0 ^ x3 ^ b;
    x3 = lo0;
  }
  out[0] = x0;
  out[1] = x1;
  out[2] = x2;
  out[3] = x3;
}

/**
 * Two Philox4x32-10 blocks under one key (k0, k1), with counters (c, 0, 0, 0) and (c + 1, 0, 0, 0):
 * `out[0..3]` the first, `out[4..7]` the second, word for word what two calls of
 * {@link philox4x32} give. The two blocks' rounds are interleaved: each round is a chain of
 * dependent multiplications, and two independent chains side by side take little longer than one.
 * `c` in [0, 2^32 − 1).
 */
export function philox4x32Pair(c: number, k0: number, k1: number, out: Uint32Array): void {
  // The words live as int32 (what Math.imul and ^ give; the JIT keeps them in integer registers),
  // read as uint32 (`>>> 0`) only where a product needs the unsigned value; the output array
  // stores the same 32 bits either way.
  let x0 = c | 0;
  let x1 = 0;
  let x2 = 0;
  let x3 = 0;
  let y0 = (c + 1) | 0;
  let y1 = 0;
  let y2 = 0;
  let y3 = 0;
  let a = k0 | 0;
  let b = k1 | 0;
  for (let r = 0; r < 10; r++) {
    if (r > 0) {
      a = (a + W0) | 0;
      b = (b + W1) | 0;
    }
    const lo0 = Math.imul(x0, M0);
    const hi0 = mulhi(x0 >>> 0, M0, lo0 >>> 0);
    const lo1 = Math.imul(x2, M1);
    const hi1 = mulhi(x2 >>> 0, M1, lo1 >>> 0);
    const mo0 = Math.imul(y0, M0);
    const gi0 = mulhi(y0 >>> 0, M0, mo0 >>> 0);
    const mo1 = Math.imul(y2, M1);
    const gi1 = mulhi(y2 >>> 0, M1, mo1 >>> 0);
    x0 = hi1 ^ x1 ^ a;
    x1 = lo1;
    x2 = hi0 ^ x3 ^ b;
    x3 = lo0;
    y0 = gi1 ^ y1 ^ a;
    y1 = mo1;
    y2 = gi0 ^ y3 ^ b;
    y3 = mo0;
  }
  out[0] = x0;
  out[1] = x1;
  out[2] = x2;
  out[3] = x3;
  out[4] = y0;
  out[5] = y1;
  out[6] = y2;
  out[7] = y3;
}

/**
 * A uint32 mapped to the open interval (0, 1): (x + 0.5) / 2^32. Never 0 or 1, so logarithms and
 * inverse CDFs of it are finite.
 */
export function uint32ToOpenUnit(x: number): number {
  return ((x >>> 0) + 0.5) * TWO_POW_M32;
}

const TWO_PI = 2 * Math.PI;

/** Most steps of a stream {@link PathDraws} keeps for a second pass (4 doubles a step: 2 MB). */
const MAX_TAPE_STEPS = 1 << 16;

/**
 * The draws of one path, one step at a time: key = (seed, stream), counter = (step, 0, 0, 0).
 * Each step yields two independent standard normals (Box-Muller on the first two words) and two
 * independent uniforms in (0, 1) (the last two words). Box-Muller is exact in distribution; with
 * 32-bit uniforms the largest |z| is √(2·ln 2^33) ≈ 6.76.
 *
 * The draws of a stream's steps taken in order from step 0 are kept (up to {@link MAX_TAPE_STEPS}
 * steps): keyed again with the same (seed, stream), as the second path of an antithetic pair is,
 * those steps are read back rather than computed, the same numbers to the bit.
 */
export class PathDraws {
  /** First normal of the step. */
  z1 = 0;
  /** Second normal of the step. */
  z2 = 0;
  /** First uniform in (0, 1). */
  u1 = 0.5;
  /** Second uniform in (0, 1). */
  u2 = 0.5;
  /** The words of an even step and of the next one (computed together, see {@link philox4x32Pair}). */
  private readonly words = new Uint32Array(8);
  /** The odd step whose words sit in words[4..7], or −1. */
  private ahead = -1;
  private k0 = 0;
  private k1 = 0;
  /** The draws (z1, z2, u1, u2) of steps 0 … taped − 1 of the current key, in order. */
  private tape = new Float64Array(4 * 64);
  private taped = 0;

  /** Key the draws by a 32-bit seed and a stream (path) index in [0, 2^32). */
  key(seed: number, stream: number): void {
    const k0 = seed >>> 0;
    const k1 = stream >>> 0;
    if (k0 !== this.k0 || k1 !== this.k1) this.taped = 0;
    this.k0 = k0;
    this.k1 = k1;
    this.ahead = -1;
  }

  /**
   * Compute the draws of `step` (a counter in [0, 2^32)). Steps taken in order cost one block
   * pair per two steps, or nothing when this key's step was computed before (see the class); any
   * step may be asked for at any time.
   */
  step(step: number): void {
    if (step < this.taped) {
      const k = 4 * step;
      const tape = this.tape;
      this.z1 = tape[k]!;
      this.z2 = tape[k + 1]!;
      this.u1 = tape[k + 2]!;
      this.u2 = tape[k + 3]!;
      return;
    }
    this.draw(step);
    if (step === this.taped && step < MAX_TAPE_STEPS) this.record(step);
  }

  /** Append the draws of `step` (the next after those taped) to the tape. */
  private record(step: number): void {
    const k = 4 * step;
    if (k + 4 > this.tape.length) {
      const grown = new Float64Array(2 * this.tape.length);
      grown.set(this.tape);
      this.tape = grown;
    }
    const tape = this.tape;
    tape[k] = this.z1;
    tape[k + 1] = this.z2;
    tape[k + 2] = this.u1;
    tape[k + 3] = this.u2;
    this.taped = step + 1;
  }

  /** The draws of `step` from the generator. */
  private draw(step: number): void {
    const w = this.words;
    let o = 0;
    if (step === this.ahead) {
      o = 4;
      this.ahead = -1;
    } else if ((step & 1) === 0) {
      philox4x32Pair(step, this.k0, this.k1, w);
      this.ahead = step + 1;
    } else {
      philox4x32(step, 0, 0, 0, this.k0, this.k1, w);
      this.ahead = -1;
    }
    const r = Math.sqrt(-2 * Math.log(uint32ToOpenUnit(w[o]!)));
    const a = TWO_PI * uint32ToOpenUnit(w[o + 1]!);
    this.z1 = r * Math.cos(a);
    this.z2 = r * Math.sin(a);
    this.u1 = uint32ToOpenUnit(w[o + 2]!);
    this.u2 = uint32ToOpenUnit(w[o + 3]!);
  }
}
