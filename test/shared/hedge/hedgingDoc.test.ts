import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { describeWithData } from '../../helpers/marketData';
import { hedgingTables } from './hedgingTables';
import { plan } from '@alvh/shared';
import { realDayInput } from '../method/realDays';

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

  it("quotes the plan's words and whole-unit costs as the code gives them (2018-12-24, 2020-02-24)", () => {
    const text = readFileSync(doc, 'utf8').replace(/\s+/g, ' ');
    const usd = (x: number) => `$${Math.round(x).toLocaleString('en-US')}`;
    // The cover sentence of 2018-12-24, its first two structures.
    const words = plan(realDayInput('2018-12-24').input).structures.cover.words;
    const lead = words.split(', ').slice(0, 2).join(', ');
    expect(text).toContain(`"${lead}, …" (2018-12-24)`);
    // The summary quoted under "In the plan and the hosts": its first two sentences as the code words them.
    const summary = plan(realDayInput('2018-12-24').input).structures.summary;
    expect(text).toContain(summary.split('. ').slice(0, 2).join('. '));
    // 2020-02-24: the put spread's larger unit costs more than two ladders for 10% of the loss.
    const s = plan(realDayInput('2020-02-24').input).structures;
    const row = (name: string) => s.structures.find((r) => r.structure === name)!;
    const toCover = (name: string, share: number) => {
      const r = row(name);
      return Math.ceil((share * s.loss) / r.gain - 1e-9) * r.premium;
    };
    const put = row('spx-put-spread');
    const ladder = row('vix-call-ladder');
    expect(toCover('spx-put-spread', 0.1)).toBeGreaterThan(toCover('vix-call-ladder', 0.1));
    expect(text).toContain(
      `the put spread covers ${put.perDollar.toFixed(2)} per dollar against the VIX call ladder's ${ladder.perDollar.toFixed(2)}, ` +
        `but its unit is ${usd(put.premium)}, so covering 10% of the ${usd(s.loss)} loss costs ${usd(toCover('spx-put-spread', 0.1))} ` +
        `with it against ${usd(toCover('vix-call-ladder', 0.1))} with two ladders; at 50% it is the cheapest, ${usd(toCover('spx-put-spread', 0.5))})`,
    );
    expect(s.cover.words).toMatch(new RegExp(`costs \\${usd(toCover('spx-put-spread', 0.5))} with spx-put-spread,`));
  });
});

describe('docs/hedging.md, Scores', () => {
  it("gives the VX future's bracketed scenario score as the range its four tables show", () => {
    const text = readFileSync(doc, 'utf8');
    // the scenario's gain per $ of each table's vx-future row: the column after the cost
    const scores = [...text.matchAll(/^\| \d+ \| vx-future \|.*$/gm)].map((m) => {
      const cells = m[0].split('|').map((c) => c.trim());
      return Number(/^\((-?[\d.]+)\)$/.exec(cells[9]!)![1]);
    });
    expect(scores).toHaveLength(4);
    // the table's own two decimals: rounded to one, 1.45 printed 1.4 (1.45 is 1.4499… in binary)
    const range = `${Math.min(...scores).toFixed(2)}-${Math.max(...scores).toFixed(2)}`;
    expect(text.replace(/\s+/g, ' ')).toContain(`On the four documented days it is ${range} in the scenario`);
  });
});
