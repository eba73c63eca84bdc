import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { describeWithData } from '../../helpers/marketData';
import { hedgingTables } from './hedgingTables';

const doc = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'docs', 'hedging.md');
const BEGIN = '<!-- structures-tables:begin -->';
const END = '<!-- structures-tables:end -->';

describeWithData('docs/hedging.md', () => {
  it('shows the structures tables the code computes (ALVH_WRITE_DOCS=1 regenerates them)', () => {
    const text = readFileSync(doc, 'utf8');
    const a = text.indexOf(BEGIN);
    const b = text.indexOf(END);
    expect(a).toBeGreaterThan(0);
    expect(b).toBeGreaterThan(a);
    const tables = hedgingTables();
    if (process.env['ALVH_WRITE_DOCS'] === '1') {
      writeFileSync(doc, `${text.slice(0, a + BEGIN.length)}\n\n${tables}\n${text.slice(b)}`);
      return;
    }
    expect(text.slice(a + BEGIN.length, b).trim()).toBe(tables.trim());
  });
});
