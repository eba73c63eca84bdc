import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { frontierSetup } from '@alvh/shared';
import { BEGIN, END, FRONTIER_DAYS, frontierDocs, standardPlanInput } from '../../../scripts/frontierDocs';
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
    // "cost" is fees-in in the structures tables above, so these say theirs is the premium before fees
    for (const day of markdown.split('### Frontier ').slice(1)) {
      expect(day).toContain('| budget | mix | cost before fees | CVaR 95 on down paths |');
      expect(day).toContain('| structure | units | cost before fees | CVaR 95 on down paths |');
      expect(day).not.toMatch(/\| cost \|/);
    }
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

  it("tops the default ladder at the literal rule's cost or above, so the rule's own mix is on it (it stopped a fraction of a cent short)", () => {
    for (const day of FRONTIER_DAYS) {
      const { budgets, rule, components } = frontierSetup({ plan: standardPlanInput(day), paths: 2000 }).frame;
      const top = budgets.at(-1)!;
      expect(top, day).toBeGreaterThanOrEqual(rule.cost);
      // the mix the search prices: the rule's overlay units and its VIX calls, whole units
      const call = components.find((c) => c.name === 'vix-call')!;
      expect(rule.overlayUnits * components[0]!.premium + rule.tailContracts * call.premium, day).toBeLessThanOrEqual(
        top,
      );
      // and still on whole cents
      expect(Math.round(top * 100) / 100, day).toBe(top);
    }
  });
});
