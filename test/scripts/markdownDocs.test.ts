/**
 * The docs' Markdown renders as written: every table's rows have as many cells as its header (a
 * delimiter row of another width makes GitHub show the table as plain text, and a body row's extra
 * cells are dropped), and every relative link names a file that exists. Prettier leaves *.md alone,
 * so nothing else checks them.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const FILES = [
  'README.md',
  ...readdirSync(join(repoRoot, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];

/** A table row's cells: split on pipes not escaped (GFM splits inside code spans too). */
function tableCells(line: string): number {
  const body = line
    .trim()
    .replace(/^\|/, '')
    .replace(/(?<!\\)\|$/, '');
  return body.split(/(?<!\\)\|/).length;
}

const DELIMITER = /^\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$/;

/** "file:line: problem" for each table row whose width is not its header's, outside code fences. */
function tableProblems(name: string, text: string): string[] {
  const lines = text.split('\n');
  const out: string[] = [];
  let fenced = false;
  lines.forEach((line, i) => {
    if (/^\s*```/.test(line)) fenced = !fenced;
    if (fenced || i === 0 || !DELIMITER.test(line) || !line.includes('-')) return;
    const header = lines[i - 1]!;
    if (!header.includes('|')) return;
    const width = tableCells(header);
    if (tableCells(line) !== width)
      out.push(`${name}:${i + 1}: delimiter row has ${tableCells(line)} cells, header ${width}`);
    for (let j = i + 1; j < lines.length && lines[j]!.trim().startsWith('|'); j++) {
      if (tableCells(lines[j]!) !== width)
        out.push(`${name}:${j + 1}: row has ${tableCells(lines[j]!)} cells, header ${width}`);
    }
  });
  return out;
}

describe('Markdown docs', () => {
  it('the table check sees a delimiter row wider than its header, and a row with an extra cell', () => {
    expect(tableProblems('x.md', '| a | b |\n|---|---|---|\n| 1 | 2 |')).toEqual([
      'x.md:2: delimiter row has 3 cells, header 2',
    ]);
    expect(tableProblems('x.md', '| a | b |\n|---|---:|\n| 1 | 2 | 3 |\n| `x \\| y` | 2 |')).toEqual([
      'x.md:3: row has 3 cells, header 2',
    ]);
    expect(tableProblems('x.md', '```\n| a | b |\n|---|---|---|\n```')).toEqual([]);
  });

  it.each(FILES)('%s: every table row is as wide as its header', (file) => {
    expect(tableProblems(file, readFileSync(join(repoRoot, file), 'utf8'))).toEqual([]);
  });

  it.each(FILES)('%s: every relative link names a file that exists', (file) => {
    const text = readFileSync(join(repoRoot, file), 'utf8').replace(/```[\s\S]*?```/g, '');
    const missing = [...text.matchAll(/\]\(([^)\s]+)\)/g)]
      .map((m) => m[1]!.split('#')[0]!)
      .filter((target) => target !== '' && !/^[a-z]+:/i.test(target))
      .filter((target) => !existsSync(resolve(repoRoot, dirname(file), decodeURI(target))));
    expect(missing).toEqual([]);
  });
});
