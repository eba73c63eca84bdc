/**
 * ALVH.PLAN's last rebalance, read from its `lastDate`, `lastVix` and `lastVX1`…`lastVXn` rows.
 */
import { AlvhError, invalidInput, isAlvhError, vxExpiriesAfter } from '@alvh/shared';
import { normalizeKey } from '../common/fields';
import { vxNumber } from '../common/selection';
import { dateArg, plainNumberArg } from './args';

/**
 * The last rebalance, from the names `lastDate`, `lastVix` and `lastVX1`…`lastVXn` (the futures'
 * expiries are the monthly VX expiries after lastDate); undefined when no such name is given.
 */
export function lastRebalanceOf(rows: readonly [string, unknown][]): Record<string, unknown> | undefined {
  if (rows.length === 0) return undefined;
  const byKey = new Map<string, readonly [string, unknown]>();
  for (const [k, v] of rows) {
    const n = normalizeKey(k);
    const first = byKey.get(n);
    if (first && (n === 'lastdate' || n === 'lastvix'))
      throw invalidInput(
        `inputs ${k}`,
        `gives ${n === 'lastdate' ? 'lastDate' : 'lastVix'} again (the row "${first[0]}" gives it)`,
        'keep one row per input',
      );
    byKey.set(n, [k, v]);
  }
  const dateRow = byKey.get('lastdate');
  const vixRow = byKey.get('lastvix');
  if (!dateRow)
    throw invalidInput('inputs lastDate', 'is missing', 'add a lastDate row with the date of the last rebalance');
  if (!vixRow) throw invalidInput('inputs lastVix', 'is missing', 'add a lastVix row with VIX on that day');
  const date = dateArg(`inputs ${dateRow[0]}`, dateRow[1]);
  const seen = new Map<number, string>();
  const numbered = rows
    .map(([k, v]) => {
      let n: number | undefined;
      try {
        n = vxNumber(k, 'last');
      } catch (e) {
        if (isAlvhError(e)) throw new AlvhError(e.code, `inputs ${e.field}`, e.problem, e.fix);
        throw e;
      }
      if (n !== undefined && seen.has(n))
        throw invalidInput(
          `inputs ${k}`,
          `gives lastVX${n} again (the row "${seen.get(n)}" gives it)`,
          'keep one row per input',
        );
      if (n !== undefined) seen.set(n, k);
      return { n, k, v };
    })
    .filter((r): r is { n: number; k: string; v: unknown } => r.n !== undefined)
    .map((r) => ({ n: r.n, price: plainNumberArg(`inputs ${r.k}`, r.v) }))
    .sort((a, b) => a.n - b.n);
  const gap = numbered.findIndex((f, i) => f.n !== i + 1);
  if (gap >= 0)
    throw invalidInput(
      `inputs lastVX${gap + 1}`,
      `is missing while lastVX${numbered[gap]!.n} is given`,
      'give the last futures from lastVX1 (the front month then) on without a gap',
    );
  if (numbered.length < 2)
    throw invalidInput(
      `inputs lastVX${numbered.length + 1}`,
      'is missing: the last rebalance needs its VX futures',
      'add rows lastVX1, lastVX2, …: the futures of that day from its front month (at least two), or remove lastDate and lastVix',
    );
  const expiries = vxExpiriesAfter(date, numbered[numbered.length - 1]!.n);
  return {
    date,
    vix: plainNumberArg(`inputs ${vixRow[0]}`, vixRow[1]),
    futures: numbered.map((f) => ({ expiry: expiries[f.n - 1] as string, price: f.price })),
  };
}
