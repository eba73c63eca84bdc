/**
 * The structures tables of docs/hedging.md, generated from the real days (see days.ts), so the
 * doc can be checked against the code.
 */
import { compareInContext, costsToCover, hedgeBudget, hedgeContext, type StructureScore } from '@alvh/shared';
import { DOC_DAYS, standardCondorDay } from './days';

const usd = (x: number) => `$${Math.round(x).toLocaleString('en-US')}`;
const ratio = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : '—');

function row(rank: number, s: StructureScore): string {
  const units = s.size === null ? 'cannot cover' : String(s.size.units);
  const cost = s.size === null ? '—' : usd(s.size.cost);
  const per = s.lossBoundedByPremium ? ratio(s.perDollar) : `(${ratio(s.perDollar)})`;
  const analogs = s.analogScores.map((a) => (s.lossBoundedByPremium ? ratio(a.perDollar) : `(${ratio(a.perDollar)})`));
  return `| ${rank} | ${s.structure} | ${s.description} | ${usd(s.premium)} | ${usd(s.stressedValue)} | ${usd(s.gain)} | ${units} | ${cost} | ${per} | ${analogs.join(' | ')} |`;
}

/** The markdown of every day's table. */
export function hedgingTables(): string {
  const out: string[] = [];
  for (const day of DOC_DAYS) {
    const input = standardCondorDay(day);
    const ctx = hedgeContext(input);
    const c = ctx.condors[0]!;
    const cap = hedgeBudget({ maxLoss: ctx.maxLoss, credit: c.maxProfit, days: c.days }, ctx.policy).costCap;
    const cmp = compareInContext(ctx, undefined, cap);
    const m = input.market;
    out.push(`### ${day}`);
    out.push('');
    out.push(
      `SPX ${m.spx}, VIX ${m.vix}, VVIX ${m.vvix}; condor ${c.legs.map((l) => l.strike).join('/')} ×10 to ${c.legs[0]!.expiry} ` +
        `(${c.days} days), max loss ${usd(ctx.maxLoss)}. Scenario: SPX → ${ctx.stressed.spot.toFixed(2)}, VIX → ${ctx.stressedVix.toFixed(2)}; ` +
        `condor loss ${usd(ctx.loss)}, 1.8× asks for ${usd(1.8 * ctx.loss)} of gain. Tail expiry ${ctx.tailExpiry} (${ctx.tailDays} days), ` +
        `future ${ctx.tailFuture}.`,
    );
    out.push('');
    out.push(
      '| # | structure | one unit | premium | value in scenario | gain | units for 1.8× | cost | gain per $ | per $ 2018-12-24 | per $ 2020-03-12 | per $ 2025-04-08 |',
    );
    out.push('|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
    cmp.structures.forEach((s, i) => out.push(row(i + 1, s)));
    out.push('');
    const b = cmp.bestWithinBudget;
    out.push(
      b === undefined || b.units === 0
        ? `Within the 18% cost cap (${usd(cap)}) no structure buys a whole unit.`
        : `Within the 18% cost cap (${usd(cap)}): ${b.units} × ${b.structure} for ${usd(b.cost)}, ` +
            `${usd(b.protection)} of gain in the scenario, ${(b.coverage * 100).toFixed(0)}% of the condor loss.`,
    );
    out.push('');
    out.push(costsToCover(cmp, 0.5).words);
    out.push('');
  }
  return out.join('\n').trimEnd() + '\n';
}
