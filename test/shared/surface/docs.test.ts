import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildSurface, moveVixSurface, vixSurfaceFromVvix } from '@alvh/shared';
import { BEGIN, END, surfaceTables } from '../../../scripts/surfaceTables';
import { describeWithData, readDataFile } from '../../helpers/marketData';

const docPath = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'docs', 'surfaces.md');

describeWithData('docs/surfaces.md', () => {
  it('gives the figures the code produces (regenerate with npx tsx scripts/surfaceTables.ts --write)', () => {
    const doc = readFileSync(docPath, 'utf8');
    const generated = doc.slice(doc.indexOf(BEGIN), doc.indexOf(END) + END.length);
    expect(generated).toBe(surfaceTables(readDataFile));
  });
});

describeWithData('docs/surfaces.md, the prose on the index/chain table', () => {
  it('quotes the table it stands over: ATM/VIX of the chains and the range of index/chain variance-swap ratios', () => {
    const doc = readFileSync(docPath, 'utf8');
    const rows = surfaceTables(readDataFile)
      .split('\n')
      .filter((l) => /^\| \d{4}-\d{2}-\d{2} \| [\d.]+ \| VIX/.test(l))
      .map((l) => l.split('|').map((c) => c.trim()));
    // columns: date, SKEW, index / tenor, chain VS, index / chain VS, chain ATM, chain ATM / index, ...
    const atmOverVix = rows.filter((r) => r[3]!.startsWith('VIX ')).map((r) => r[7]!);
    expect(atmOverVix).toHaveLength(2);
    const text = doc.replace(/\s+/g, ' ');
    expect(text).toContain(`(the chains: ${atmOverVix[0]} and ${atmOverVix[1]})`);
    const gaps = rows.map((r) => 100 * (Number(r[5]) - 1));
    const [lo, hi] = [Math.min(...gaps), Math.max(...gaps)].map((x) => x.toFixed(1));
    const mean = (gaps.reduce((a, b) => a + b, 0) / gaps.length).toFixed(1);
    expect(text).toContain(
      `integrated over every strike (step 8) those in the table below read ${lo}-${hi}% (mean ${mean}%)`,
    );
  });
});

describe('docs/surfaces.md, the answer of POST /api/surface', () => {
  it('names every field the answer has, at the top and per expiry', () => {
    const doc = readFileSync(docPath, 'utf8').replace(/\s+/g, ' ');
    const listed = /answer `(\{source, [^`]*\})`/.exec(doc)![1]!;
    const example = resolve(dirname(docPath), 'examples', 'surface.json');
    const answer = buildSurface(JSON.parse(readFileSync(example, 'utf8')));
    const names = (o: object) => Object.keys(o).sort();
    const perExpiry = /expiries: \[\{([^}]*)\}\]/.exec(listed)![1]!.split(', ').sort();
    expect(perExpiry).toEqual(names(answer.expiries[0]!));
    // the top level: the list with its nested brackets taken out
    const top = listed
      .slice(1, -1)
      .replace(/: \[\{[^}]*\}\]/g, '')
      .split(', ')
      .sort();
    expect(top).toEqual(names(answer));
  });
});

describe('docs/surfaces.md, a VIX-option surface moved to another VVIX', () => {
  it('is the surface of the new VVIX, re-capped, as the doc says: 262.33% at T = 0.25, k = 0.5 (not 3 × 96.94%)', () => {
    const low = vixSurfaceFromVvix('2023-06-09', 100);
    const moved = moveVixSurface(low, 300).volAtK(0.25, 0.5);
    expect(moved).toBe(vixSurfaceFromVvix('2023-06-09', 300).volAtK(0.25, 0.5));
    const pct = (x: number) => `${(100 * x).toFixed(2)}%`;
    const doc = readFileSync(docPath, 'utf8').replace(/\s+/g, ' ');
    expect(doc).toContain(
      `VVIX 100 moved to 300 reads ${pct(moved)} at T = 0.25, k = 0.5, as a VVIX 300 surface built afresh does, where 3 × ${pct(low.volAtK(0.25, 0.5))} = ${pct(3 * low.volAtK(0.25, 0.5))} would keep`,
    );
    expect(doc).not.toMatch(/keeps its shape in k and is not re-capped/);
  });
});
