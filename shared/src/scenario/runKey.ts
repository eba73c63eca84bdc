/**
 * The fingerprint of a Monte Carlo run: every input that shapes its paths or its P&L except which
 * paths a chunk holds, so that `mergeMonteCarlo` refuses chunks of different runs (another policy,
 * `rebalance`, model or book) instead of summarising a mixture.
 */
import type { MonteCarloSetup } from './mcTypes';

/**
 * Two 32-bit hashes of the text's UTF-16 code units, as 16 hex digits (8 each): FNV-1a (offset
 * basis 0x811c9dc5, prime 0x01000193), and an FNV-1a with another offset basis whose state is
 * mixed further after each character (xorshift by 15, multiply by 0x2c1b3c6d). Not a 64-bit
 * FNV-1a, and not cryptographic: a fingerprint against merging chunks of different runs by mistake.
 */
function digest(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x01000193);
    b = Math.imul(b ^ (b >>> 15), 0x2c1b3c6d);
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}

/**
 * The run key of a setup: the digest of its book (surfaces in their data form), policy, model and
 * run, without `firstPath` and `pathCount`. Functions (the book's future lookup) are left out: they
 * follow from the data kept.
 */
export function runKeyOf(s: MonteCarloSetup): string {
  const { firstPath: _first, pathCount: _count, ...run } = s.run;
  const text = JSON.stringify({ book: s.book, policy: s.policy, model: s.model, run }, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && typeof (v as { toData?: unknown }).toData === 'function'
      ? (v as { toData: () => unknown }).toData()
      : v,
  );
  return digest(text);
}
