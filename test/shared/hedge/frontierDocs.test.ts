import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { BEGIN, END, frontierDocs } from '../../../scripts/frontierDocs';
import { describeWithData } from '../../helpers/marketData';

const docs = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'docs');

describeWithData('docs/hedging.md frontiers', () => {
  it('shows the frontier tables and charts the code computes (regenerate with npx tsx scripts/frontierDocs.ts --write)', () => {
    const doc = readFileSync(resolve(docs, 'hedging.md'), 'utf8');
    const { markdown, svgs } = frontierDocs();
    const a = doc.indexOf(BEGIN);
    const b = doc.indexOf(END);
    expect(a).toBeGreaterThan(0);
    expect(doc.slice(a + BEGIN.length, b).trim()).toBe(markdown.trim());
    expect(Object.keys(svgs)).toHaveLength(4);
    for (const [name, svg] of Object.entries(svgs)) expect(readFileSync(resolve(docs, name), 'utf8'), name).toBe(svg);
    // every table's CVaR column never rises down the ladder
    for (const day of markdown.split('### Frontier ').slice(1)) {
      const cvars = day
        .split('\n')
        .filter((l) => /^\| \$/.test(l))
        .map((l) => Number(l.split('|')[4]!.trim().replace('−', '-').replace(/[$,]/g, '')));
      expect(cvars.length).toBe(11);
      for (let k = 1; k < cvars.length; k++) expect(cvars[k]!).toBeLessThanOrEqual(cvars[k - 1]!);
    }
  });
});
