/**
 * A doc's text for tests that check the figures it quotes: runs of whitespace (line breaks
 * included) read as one space, so a sentence matches wherever the doc wraps it.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** docs/<name>, whitespace collapsed. */
export function docText(name: string): string {
  return readFileSync(resolve(root, 'docs', name), 'utf8').replace(/\s+/g, ' ');
}

/** `x` as the docs write it: `digits` decimals, thousands separated, a minus sign (−) when negative. */
export function docNumber(x: number, digits = 0): string {
  const s = Math.abs(x).toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
  return x < 0 && Number(s.replace(/,/g, '')) !== 0 ? `−${s}` : s;
}

/** Fails unless docs/<name> reads `text` (whitespace collapsed), naming the text rather than printing the whole doc. */
export function expectDocSays(name: string, text: string): void {
  expect(docText(name).includes(text), `docs/${name} should read: "${text}"`).toBe(true);
}
