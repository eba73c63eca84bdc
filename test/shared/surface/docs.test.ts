import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
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
