/**
 * Standard condors on real days for the structure tests and the tables of docs/hedging.md: the
 * day's market from the history beside the project (realDays.ts; for 2024 the manumartinb
 * 2024-07/09 VX episode file with Cboe VIX and VVIX and the eric-tao SPX closes) and a 10-lot,
 * 1.5 SD, 50-wide condor about 45 days out.
 */
import { readDataFile } from '../../helpers/marketData';
import { cboeSeries, fridayNear, realDayInput, spxDaily2021 } from '../method/realDays';
import { vxExpiriesAfter } from '@alvh/shared/market';
import { parseIsoDate } from '@alvh/shared';
import { condorStrikesAtSd } from '@alvh/shared/method';
import type { StructureInput } from '@alvh/shared/hedge';

/** The days of the docs' tables. */
export const DOC_DAYS = ['2018-12-24', '2020-02-24', '2024-08-02', '2025-04-08'] as const;

const RATES_2024: Record<string, { rate: number; divYield: number }> = {
  '2024-08-02': { rate: 0.052, divYield: 0.013 },
};

function day2024(date: string): StructureInput {
  const row = readDataFile('manumartinb_vx_M1-M8_episode_2024-07_2024-09.csv')
    .trim()
    .split(/\r?\n/)
    .slice(1)
    .map((l) => l.split(','))
    .find((c) => c[0] === date);
  if (row === undefined) throw new Error(`no VX row for ${date}`);
  const vix = cboeSeries('cboe_VIX_History__ManULoreN14.csv').get(date) as number;
  const vvix = cboeSeries('cboe_VVIX_History__ManULoreN14.csv').get(date) as number;
  const spx = spxDaily2021().get(date) as number;
  const expiry = fridayNear(date, 45);
  const years = (parseIsoDate('e', expiry) - parseIsoDate('d', date)) / 365;
  const r = RATES_2024[date] ?? { rate: 0.05, divYield: 0.013 };
  return {
    valuationDate: date,
    market: {
      spx,
      vix,
      vvix,
      ...r,
      futures: vxExpiriesAfter(date, 8).map((e, k) => ({ expiry: e, price: Number(row[k + 1]) })),
    },
    condors: [{ expiry, strikes: condorStrikesAtSd(spx, vix / 100, years, 1.5, 50, 5), quantity: 10 }],
  };
}

/** The structure input of a standard 10-lot 45-DTE condor on `date`. */
export function standardCondorDay(date: string): StructureInput {
  if (date.startsWith('2024-')) return day2024(date);
  const { input } = realDayInput(date);
  const m = input.market;
  return {
    valuationDate: input.valuationDate,
    market: {
      spx: m.spx,
      vix: m.vix,
      ...(m.vvix === undefined ? {} : { vvix: m.vvix }),
      rate: m.rate,
      divYield: m.divYield ?? 0,
      futures: m.futures,
    },
    condors: [input.condor!].map((c) => ({ expiry: c.expiry, strikes: c.strikes, quantity: c.quantity })),
  };
}
