/**
 * The day the form opens with: 2025-04-08, the close of the April 2025 drawdown (SPX −18.9% from
 * its February high), so a newcomer sees a steeply backwardated curve and a tail hedge at once.
 *
 * Sources (the project's market data folder): SPX close 4982.77 (spx_daily, eric-tao), VIX close
 * 52.33 (Cboe VIX history), VVIX 170.92 (Cboe VVIX history), VIX9D 67.63, VIX3M 41.50 and SKEW
 * 135.68 (Cboe index histories; VIX6M has no close there that day), VX M1..M8 settlements of
 * 2025-04-08 (manumartinb episode file), with the monthly VX expiries after the date. The rate (4.3%, the
 * Fed funds target range's middle then) and the dividend yield (1.35%) are round figures of the
 * day. The condor is a 45-day SPX iron condor 3650/3750/6600/6700 whose short strikes sit 2.16
 * (put) and 2.14 (call) standard deviations out at the surface's ATM vol, with 100-point wings;
 * its credit, 5.93 points, is the plan's own value of the legs on the surface marked on the day's
 * Cboe indices (5.934), so the plan opens without a credit warning. A test keeps the two within 0.01.
 * The split's signals are left blank: the plan runs without the rules that read them and names them.
 */
import { vxExpiriesAfter } from '@alvh/shared';
import type { FieldName } from '../common/fields';
import type { IndexName, SignalName } from '../common/planInput';

const DATE = '2025-04-08';
/** VX M1..M8 settlements of 2025-04-08. */
const VX_SETTLEMENTS = ['39.1728', '31.4333', '27.9068', '26.1705', '24.6739', '23.9505', '23.4973', '23.1957'];

export const EXAMPLE: {
  fields: Record<FieldName, string>;
  futures: { expiry: string; price: string }[];
  /** The Cboe indices beside VIX (blank: not given that day). */
  indices: Record<IndexName, string>;
  /** The split's signals (blank: not given). */
  signals: Record<SignalName, string>;
  note: string;
} = {
  fields: {
    valuationDate: DATE,
    spx: '4982.77',
    vix: '52.33',
    vvix: '170.92',
    rate: '0.043',
    divYield: '0.0135',
    condorExpiry: '2025-05-23',
    k1: '3650',
    k2: '3750',
    k3: '6600',
    k4: '6700',
    quantity: '10',
    credit: '5.93',
    capital: '5000000',
    budget: '40000',
  },
  // The next eight monthly VX expiries after the date: 2025-04-16, 05-21, 06-18, … 11-19.
  futures: vxExpiriesAfter(DATE, VX_SETTLEMENTS.length).map((expiry, i) => ({ expiry, price: VX_SETTLEMENTS[i]! })),
  indices: { vix9d: '67.63', vix3m: '41.50', vix6m: '', skew: '135.68' },
  signals: { rsi: '', macdHist: '', adSlope: '', prevSpread: '' },
  note: 'Example: the close of 2025-04-08 (SPX 4982.77, VIX 52.33, VX curve in steep backwardation).',
};
