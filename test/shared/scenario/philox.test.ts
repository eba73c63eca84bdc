import { describe, expect, it } from 'vitest';
import { PathDraws, philox4x32, philox4x32Pair, uint32ToOpenUnit } from '../../../shared/src/scenario/philox';

const hex = (a: Uint32Array): string[] => Array.from(a, (x) => x.toString(16).padStart(8, '0'));

// Known-answer vectors of Philox4x32-10 from Random123's tests/kat_vectors
// (https://github.com/DEShawResearch/random123): counter[4], key[2] → output[4].
const KAT: [number[], number[], string[]][] = [
  [
    [0, 0, 0, 0],
    [0, 0],
    ['6627e8d5', 'e169c58d', 'bc57ac4c', '9b00dbd8'],
  ],
  [
    [0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff],
    [0xffffffff, 0xffffffff],
    ['408f276d', '41c83b0e', 'a20bc7c6', '6d5451fd'],
  ],
  [
    [0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344],
    [0xa4093822, 0x299f31d0],
    ['d16cfe09', '94fdcceb', '5001e420', '24126ea1'],
  ],
];

describe('philox4x32 (Random123 known answers)', () => {
  it.each(KAT)('counter %j key %j', (c, k, want) => {
    const out = new Uint32Array(4);
    philox4x32(c[0]!, c[1]!, c[2]!, c[3]!, k[0]!, k[1]!, out);
    expect(hex(out)).toEqual(want);
  });

  it('changes every output word when one counter bit flips', () => {
    const a = new Uint32Array(4);
    const b = new Uint32Array(4);
    philox4x32(7, 0, 0, 0, 1, 2, a);
    philox4x32(6, 0, 0, 0, 1, 2, b);
    for (let i = 0; i < 4; i++) expect(a[i]).not.toBe(b[i]);
  });
});

/** Philox4x32-10 written plainly with BigInt products, as a reference for the 32-bit arithmetic. */
function philoxReference(c: number[], k: number[]): number[] {
  let [x0, x1, x2, x3] = c.map(BigInt) as [bigint, bigint, bigint, bigint];
  let [a, b] = k.map(BigInt) as [bigint, bigint];
  const mask = 0xffffffffn;
  for (let r = 0; r < 10; r++) {
    if (r > 0) {
      a = (a + 0x9e3779b9n) & mask;
      b = (b + 0xbb67ae85n) & mask;
    }
    const p0 = 0xd2511f53n * x0;
    const p1 = 0xcd9e8d57n * x2;
    [x0, x1, x2, x3] = [(p1 >> 32n) ^ x1 ^ a, p1 & mask, (p0 >> 32n) ^ x3 ^ b, p0 & mask];
  }
  return [x0, x1, x2, x3].map(Number);
}

describe('philox4x32 against a BigInt reference', () => {
  it('agrees on 20 000 pseudo-random counters and keys', () => {
    const out = new Uint32Array(4);
    let s = 0x12345678;
    const next = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0);
    for (let i = 0; i < 20_000; i++) {
      const c = [next(), next(), next(), next()];
      const k = [next(), next()];
      philox4x32(c[0]!, c[1]!, c[2]!, c[3]!, k[0]!, k[1]!, out);
      const want = philoxReference(c, k);
      if (Array.from(out).some((w, j) => w !== want[j])) expect(Array.from(out)).toEqual(want);
    }
  });
});

describe('philox4x32Pair', () => {
  it('equals two philox4x32 calls (counters c and c + 1) word for word', () => {
    const pair = new Uint32Array(8);
    const one = new Uint32Array(4);
    let s = 0x9abcdef0;
    const next = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0);
    for (let i = 0; i < 20_000; i++) {
      const c = i < 4 ? [0, 2, 0x7ffffffe, 0xfffffffe][i]! : next() & ~1;
      const k0 = next();
      const k1 = next();
      philox4x32Pair(c, k0, k1, pair);
      for (const [off, ctr] of [
        [0, c],
        [4, c + 1],
      ] as const) {
        philox4x32(ctr, 0, 0, 0, k0, k1, one);
        for (let j = 0; j < 4; j++)
          if (pair[off + j] !== one[j]) expect([i, off + j, pair[off + j]]).toEqual([i, off + j, one[j]]);
      }
    }
  });
});

describe('uint32ToOpenUnit', () => {
  it('maps 0 and 2^32 − 1 strictly inside (0, 1)', () => {
    expect(uint32ToOpenUnit(0)).toBeGreaterThan(0);
    expect(uint32ToOpenUnit(0)).toBe(0.5 / 4294967296);
    expect(uint32ToOpenUnit(0xffffffff)).toBeLessThan(1);
    expect(uint32ToOpenUnit(0xffffffff)).toBe(1 - 0.5 / 4294967296);
  });
});

describe('PathDraws', () => {
  it('is a pure function of (seed, stream, step)', () => {
    const a = new PathDraws();
    const b = new PathDraws();
    a.key(42, 1000);
    b.key(42, 999);
    b.step(3);
    b.key(42, 1000);
    a.step(5);
    b.step(5);
    expect([a.z1, a.z2, a.u1, a.u2]).toEqual([b.z1, b.z2, b.u1, b.u2]);
    b.key(43, 1000);
    b.step(5);
    expect(b.z1).not.toBe(a.z1);
  });

  it('gives the same draws for a step whatever the order the steps are asked in', () => {
    const inOrder = new PathDraws();
    const shuffled = new PathDraws();
    inOrder.key(7, 12);
    const want: number[][] = [];
    for (let t = 0; t < 12; t++) {
      inOrder.step(t);
      want.push([inOrder.z1, inOrder.z2, inOrder.u1, inOrder.u2]);
    }
    shuffled.key(7, 12);
    for (const t of [5, 0, 1, 1, 4, 3, 2, 11, 10, 6, 7, 9, 8, 0]) {
      shuffled.step(t);
      expect([shuffled.z1, shuffled.z2, shuffled.u1, shuffled.u2]).toEqual(want[t]);
    }
  });

  it('keyed again with the same stream, reads back what it drew, to the bit, and never another stream', () => {
    // What a fresh generator computes for (seed, stream, step): the reference for every read-back.
    const fresh = (seed: number, stream: number, step: number): number[] => {
      const r = new PathDraws();
      r.key(seed, stream);
      r.step(step);
      return [r.z1, r.z2, r.u1, r.u2];
    };
    const r = new PathDraws();
    const walk = (seed: number, stream: number, steps: number): void => {
      r.key(seed, stream);
      for (let t = 0; t < steps; t++) {
        r.step(t);
        expect([r.z1, r.z2, r.u1, r.u2], `seed ${seed} stream ${stream} step ${t}`).toEqual(fresh(seed, stream, t));
      }
    };
    walk(3, 40, 300); // past the tape's first size (64 steps)
    walk(3, 40, 300); // read back
    walk(3, 40, 500); // read back, then extended
    walk(3, 41, 50); // another stream: drawn, not read
    walk(4, 41, 50); // another seed
    walk(3, 40, 20); // the first stream again, after others: drawn anew
    // Out of order on a taped key: steps before the tape's end read back, the rest drawn.
    r.key(9, 2);
    for (let t = 0; t < 10; t++) r.step(t);
    r.key(9, 2);
    for (const t of [15, 3, 9, 10, 0, 12]) {
      r.step(t);
      expect([r.z1, r.z2, r.u1, r.u2], `step ${t}`).toEqual(fresh(9, 2, t));
    }
  });

  it('gives standard normals and uniforms: moments within 4 standard errors over 200k steps', () => {
    const r = new PathDraws();
    const n = 200_000;
    let s1 = 0;
    let s2 = 0;
    let q1 = 0;
    let q2 = 0;
    let c12 = 0;
    let su = 0;
    let k4 = 0;
    for (let p = 0; p < 100; p++) {
      r.key(2024, p);
      for (let t = 0; t < n / 100; t++) {
        r.step(t);
        s1 += r.z1;
        s2 += r.z2;
        q1 += r.z1 * r.z1;
        q2 += r.z2 * r.z2;
        c12 += r.z1 * r.z2;
        su += r.u1 + r.u2;
        k4 += r.z1 ** 4;
      }
    }
    const se = 1 / Math.sqrt(n);
    expect(Math.abs(s1 / n)).toBeLessThan(4 * se);
    expect(Math.abs(s2 / n)).toBeLessThan(4 * se);
    expect(Math.abs(q1 / n - 1)).toBeLessThan(4 * Math.SQRT2 * se);
    expect(Math.abs(q2 / n - 1)).toBeLessThan(4 * Math.SQRT2 * se);
    expect(Math.abs(c12 / n)).toBeLessThan(4 * se);
    expect(Math.abs(k4 / n - 3)).toBeLessThan(4 * Math.sqrt(96) * se);
    expect(Math.abs(su / (2 * n) - 0.5)).toBeLessThan(4 * Math.sqrt(1 / 12 / (2 * n)));
  });
});
