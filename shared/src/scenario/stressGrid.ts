/**
 * The stress grid: the book re-marked with {@link markBook} at every (days elapsed, SPX move, VIX
 * level) and its P&L against its base (the hedges' marks today; the condor's entry value, see
 * {@link stressGrid}), for the condor, the calendar overlay, the tail and the total. SPX options are marked on the book's SPX surface moved to the cell's VIX and spot
 * (Section 2b, book/marks.ts), VIX options on its VIX-option surface; they are repriced on the
 * VX future of their expiry: today's future rolled d days down the fitted curve (θ + (VIX₀ − θ)
 * e^(−κτ) at the remaining τ, plus today's basis over the model fading linearly to 0 at expiry),
 * plus the VIX move mapped as the method maps a shock, (VIX − VIX₀)·e^(−κₛτ) with κₛ the policy's
 * shockKappa. At 0 days elapsed this is the market module's shockFutures with κₛ.
 */
import { markBook, refusedLeg, type Leg, type MarketState } from '../book/index';
import { rolledFuture, shiftedState } from '../book/rolledState';
import { parseIsoDate, toIsoDate } from '../dates';
import { AlvhError, invalidInput } from '../errors';
import { MIN_VIX_POINTS } from '../validate';
import { parseInput } from '../schemas/parse';
import { MAX_STRESS_VIX_LEVEL, StressGridInputSchema, checkStressLimits } from '../schemas/scenario';
import { campaignBookNotes, entryCreditNotes, heldBookNotes, scenarioSource, type ScenarioBook } from './scenarioBook';
import type { Plan } from '../method/index';
import { fmt, wholeUsd } from '../usdText';

export interface StressGridResult {
  valuationDate: string;
  /**
   * No probability measure: each cell is the book revalued at one chosen SPX move, VIX level and
   * day, its options marked on the valuation day's surfaces moved there (Section 2b), the same marks
   * in either measure. Nothing here is weighted by how likely the cell is: for that, the Monte Carlo
   * (`measure` real-world).
   */
  measure: 'scenario';
  /** SPX moves (decimals), VIX levels (points) and days elapsed: the axes. */
  spxMoves: number[];
  vixLevels: number[];
  days: number[];
  /** The dates of `days`. */
  dates: string[];
  /**
   * The values (USD) each part's P&L counts from: the condor's entry value (a plan's: −credit ·
   * 100 · quantity, the credit received, as the plan's max profit and loss and the Monte Carlo
   * count; a book's: today's mark), the hedges' marks today, and their sum.
   */
  base: { condor: number; overlay: number; tail: number; total: number };
  /** P&L (USD) indexed [day][spxMove][vixLevel]. */
  condor: number[][][];
  overlay: number[][][];
  tail: number[][][];
  total: number[][][];
  /**
   * What the input asked for that the grid does not follow, one sentence each: a plan input's
   * `positions` or `lastRebalance` (the grid marks the plan's book at today's sizing, not the legs
   * held); days on or after a leg's expiry, whose cells hold that leg at its settlement. Empty when
   * there is none.
   */
  notes: string[];
}

/**
 * A note when some days of the grid fall on or after the expiry of legs of the book: from then their
 * cells hold those legs at their settlement (intrinsic at the cell's SPX, a VIX leg at its VIX), not
 * a mark, so the rows stop moving with the days (asked for 70 days, a 56-day condor read flat).
 */
function settledDaysNote(book: ScenarioBook, days: readonly number[], dates: readonly string[]): string[] {
  // legs held: a plan without a tail carries one of quantity 0, which settles nothing
  const held = (legs: readonly Leg[]) => legs.filter((l) => l.quantity !== 0);
  const layers = [
    ['condor', held(book.condor)],
    ['overlay', held(book.overlay)],
    ['tail', held(book.tail)],
  ] as const;
  const first = [...new Set(layers.flatMap(([, legs]) => legs.map((l) => l.expiry)))].sort()[0];
  const after = first === undefined ? [] : dates.filter((d) => d >= first).sort();
  if (after.length === 0) return [];
  const from = after[0]!;
  const last = [...dates].sort().at(-1)!;
  // each expiry with its own day: the first day the note names is the earliest layer's
  const day0 = parseIsoDate('valuationDate', book.valuationDate);
  const at = (e: string) => `${e} (day ${parseIsoDate('expiry', e) - day0})`;
  const settled = layers
    .filter(([, legs]) => legs.some((l) => l.expiry <= last))
    .map(([name, legs]) => {
      const ends = [...new Set(legs.map((l) => l.expiry))].filter((e) => e <= last).sort();
      return `the ${name}'s legs of ${ends.map(at).join(', ')}`;
    });
  return [
    `From day ${days[dates.indexOf(from)]} (${from}) the grid's days fall on or after the expiry of legs of the book (${settled.join('; ')}): ` +
      'from their expiry those cells hold them at their settlement, intrinsic at the cell’s SPX or VIX, not a mark, so their rows no longer move with the days.',
  ];
}

/**
 * A note when the grid holds the plan's own drawdown cell (SPX down `drawdown`, VIX at the stressed
 * VIX, `days` later) and its tail's P&L there differs from what the plan sized the tail on
 * (contracts × gainPerContract) by more than a dollar: the grid rolls the VX curve down over the days
 * and marks VIX options at the book's vol of vol; the plan's drawdown keeps the curve where it was
 * (docs/method.md) and marks at its stressed vol of vol. A reader comparing the two saw $990
 * against $1,012 a call on the example plan.
 */
function planCellNote(pl: Plan, book: ScenarioBook, g: StressGridResult): string[] {
  const sc = pl.scenario;
  if (pl.tail.contracts === 0) return [];
  const i = g.days.indexOf(sc.days);
  const j = g.spxMoves.findIndex((m) => Math.abs(m + sc.drawdown) < 1e-12);
  const k = g.vixLevels.findIndex((l) => Math.abs(l - sc.stressedVix) < 1e-9);
  if (i < 0 || j < 0 || k < 0) return [];
  const cell = g.tail[i]![j]![k]!;
  const sized = pl.tail.contracts * pl.tail.gainPerContract;
  if (Math.abs(cell - sized) <= 1) return [];
  const why = [
    ...(sc.days > 0
      ? [`rolls the VX curve down the fitted curve over the ${sc.days} days, which the plan's drawdown does not`]
      : []),
    ...(Math.abs(sc.stressVolOfVol - book.volOfVol) > 1e-12
      ? [
          `marks VIX options at the vol of vol ${fmt(book.volOfVol, 2)}, the plan's drawdown at ${fmt(sc.stressVolOfVol, 2)}`,
        ]
      : []),
  ];
  return [
    `In the plan's own drawdown cell (SPX −${fmt(sc.drawdown * 100, 1)}%, VIX ${fmt(sc.stressedVix, 2)}, day ${sc.days}) the tail's P&L is ${wholeUsd(cell)}, ` +
      `where the plan sized it on ${wholeUsd(sized)} (${pl.tail.contracts} × ${wholeUsd(pl.tail.gainPerContract)} a call)` +
      (why.length > 0 ? `: the grid ${why.join(' and ')}.` : '.'),
  ];
}

/**
 * The default VIX axis, on both sides of today's VIX: two levels below in proportion (−30 %, −15 %,
 * so a VIX-52 day still shows VIX falling back to 36), today, and four above in points (+5, +10,
 * +20, +40: the shocks a tail hedge is for). Levels above {@link MAX_STRESS_VIX_LEVEL}, the most a
 * given level may be, are held at it, once: a book at VIX 300 gets the single level 200.
 */
export function defaultVixLevels(vix: number): number[] {
  const levels = [vix * 0.7, vix * 0.85, vix, vix + 5, vix + 10, vix + 20, vix + 40].filter((v) => v >= 1);
  const capped = levels.map((v) => Math.min(Math.round(v * 100) / 100, MAX_STRESS_VIX_LEVEL));
  // increasing already: a level held at the cap repeats only the one before it
  return capped.filter((v, i) => i === 0 || v !== capped[i - 1]);
}

/** The most levels {@link defaultVixLevels} gives (all seven from a VIX of 1/0.7 to 160; fewer nearer the 200 cap). */
export const DEFAULT_VIX_LEVEL_COUNT = defaultVixLevels(100).length;

/**
 * Every VIX level must leave the VX future of each VIX leg at a VIX level (≥ 1 point): a fall
 * larger than the future itself (VIX 15 from a VIX of 80 over a front future of 18.4) takes it
 * below zero, where the shock's rule does not reach. Refused naming the level and the lowest one
 * every leg can take.
 */
function checkReachableLevels(
  book: ScenarioBook,
  vixLevels: readonly number[],
  days: readonly number[],
  given: boolean,
): void {
  let lowest = -Infinity;
  let binding = '';
  for (const leg of [...book.condor, ...book.overlay, ...book.tail]) {
    if (leg.kind !== 'vix') continue;
    for (const d of days) {
      const f = rolledFuture(book, d, leg.expiry);
      if (f === null) continue;
      const least = book.vix - (f.rolled - MIN_VIX_POINTS) / f.weight;
      if (least > lowest) {
        lowest = least;
        binding = `the ${leg.expiry} future (${Math.round(f.rolled * 100) / 100} on day ${d})`;
      }
    }
  }
  const j = vixLevels.findIndex((v) => v < lowest);
  if (j < 0) return;
  const floor = Math.ceil(lowest * 100) / 100;
  throw invalidInput(
    given ? `vixLevels[${j}]` : 'vixLevels',
    `${given ? 'is' : "the default ladder's"} ${vixLevels[j]}, ${Math.round((book.vix - vixLevels[j]!) * 100) / 100} points below today's VIX of ${book.vix}: the move would take ${binding} below ${MIN_VIX_POINTS} point`,
    `pass VIX levels of at least ${floor}${given ? '' : ', or check that the futures and VIX are of the same day'}`,
  );
}

type GridLayer = 'condor' | 'overlay' | 'tail';

/** A cell of the grid: its axes' indices and values. */
interface GridCell {
  i: number;
  j: number;
  k: number;
  day: number;
  move: number;
  level: number;
}

/**
 * The request's field of leg `i` of a layer: `book.<layer>[i]` for a book; for a plan, the condor
 * that holds it (`plan.condor`, `plan.condors[c]`), and for a hedge leg the plan sizes itself the
 * cell's axis that moves its underlying (SPX legs `spxMoves[j]`, VIX legs `vixLevels[k]`).
 */
function legField(book: ScenarioBook, plan: boolean, layer: GridLayer, i: number, leg: Leg, cell: GridCell): string {
  if (!plan) return `book.${layer}[${i}]`;
  if (layer === 'condor') {
    const groups = book.condorGroups ?? [];
    if (groups.length <= 1) return 'plan.condor';
    let end = 0;
    const c = groups.findIndex((g) => (end += g.legs) > i);
    return `plan.condors[${c < 0 ? groups.length - 1 : c}]`;
  }
  return leg.kind === 'spx' ? `spxMoves[${cell.j}]` : `vixLevels[${cell.k}]`;
}

/**
 * A layer's value in `s`; a mark refused for one of its legs (markLegs names it `legs[i]`, its
 * index in the layer) is thrown as `rename` words it, at the request's field of that leg.
 */
function layerValue(
  book: ScenarioBook,
  layer: GridLayer,
  s: MarketState,
  rename: (i: number, e: AlvhError) => AlvhError,
): number {
  const legs = book[layer];
  if (legs.length === 0) return 0;
  try {
    return markBook(legs, s).value;
  } catch (err) {
    const refused = refusedLeg(err);
    if (refused === undefined) throw err;
    throw rename(refused.index, refused.error);
  }
}

/** A layer's value in a cell; a leg refused is named at its field, saying which cell it is. */
function cellValue(book: ScenarioBook, plan: boolean, layer: GridLayer, s: MarketState, cell: GridCell): number {
  return layerValue(book, layer, s, (i, e) => {
    const at = `in the cell spxMoves[${cell.j}] = ${cell.move}, vixLevels[${cell.k}] = ${cell.level}, days[${cell.i}] = ${cell.day}`;
    const field = legField(book, plan, layer, i, book[layer][i] as Leg, cell);
    const what = plan && layer !== 'condor' ? `the plan's ${layer}: ` : '';
    return new AlvhError(e.code, field, `${at}, ${what}${e.problem}`, e.fix);
  });
}

/**
 * Each layer's value on the valuation date, at the book's own market. A leg that market cannot mark
 * (a vol above 500%: a strike dozens of standard deviations out, or a VIX of 1.5) is refused naming
 * the request's field of the leg, a book's `book.<layer>[i]` or a plan's condor, or for a hedge the
 * plan sized itself its market, with a fix for today's marks (no SPX move or VIX level moves them).
 */
export function todayMarks(book: ScenarioBook, plan: boolean): Record<GridLayer, number> {
  const today = shiftedState(book, 0, book.spot, book.vix);
  const value = (layer: GridLayer): number =>
    layerValue(book, layer, today, (i, e) => {
      const hedge = plan && layer !== 'condor';
      return new AlvhError(
        e.code,
        hedge ? 'plan.market' : legField(book, plan, layer, i, book[layer][i] as Leg, NO_CELL),
        `today, ${hedge ? 'a hedge leg of the plan: ' : ''}${e.problem}`,
        plan
          ? "check the plan's market (SPX, VIX, VVIX, the indices and the futures): it marks the legs today"
          : 'pass a strike nearer the money, or check the VIX, VVIX and futures the book is marked on',
      );
    });
  return { condor: value('condor'), overlay: value('overlay'), tail: value('tail') };
}

/** No cell: the valuation date's own marks (legField reads a cell for a plan's hedge legs only). */
const NO_CELL: GridCell = { i: 0, j: 0, k: 0, day: 0, move: 0, level: 0 };

/**
 * P&L of the book over SPX move × VIX level × days elapsed. The condor's counts from its entry
 * value (a plan's credit received, so that at its expiry it lies within the plan's max loss and
 * max profit; a book's mark today), the hedges' from their marks today: for a plan whose credit
 * is not the surface's, the cell of no move today shows the condor's mark less its credit.
 *
 * @example
 * const g = stressGrid({ book, spxMoves: [-0.1, 0], vixLevels: [20, 40], days: [0] });
 * g.total[0][0][1]; // P&L (USD) if SPX falls 10% and VIX goes to 40 today
 */
export function stressGrid(input: unknown): StressGridResult {
  const v = parseInput(StressGridInputSchema, input);
  const { book, plan: pl } = scenarioSource(v);
  const vixLevels = v.vixLevels ?? defaultVixLevels(book.vix);
  checkStressLimits(v.spxMoves.length, vixLevels.length, v.days.length);
  checkReachableLevels(book, vixLevels, v.days, v.vixLevels !== undefined);
  const marks = todayMarks(book, pl !== undefined);
  const base = {
    condor: book.condorEntryValue ?? marks.condor,
    overlay: marks.overlay,
    tail: marks.tail,
    total: 0,
  };
  base.total = base.condor + base.overlay + base.tail;
  const out: StressGridResult = {
    valuationDate: book.valuationDate,
    measure: 'scenario',
    spxMoves: v.spxMoves,
    vixLevels,
    days: v.days,
    dates: [],
    base,
    condor: [],
    overlay: [],
    tail: [],
    total: [],
    notes: [
      ...heldBookNotes(v.plan, 'stress'),
      ...campaignBookNotes(v.plan, pl, 'stress'),
      ...(pl === undefined ? [] : entryCreditNotes(pl, 'stress')),
    ],
  };
  const plan = v.plan !== undefined;
  for (const [i, d] of v.days.entries()) {
    const c: number[][] = [];
    const o: number[][] = [];
    const t: number[][] = [];
    const all: number[][] = [];
    for (const [j, move] of v.spxMoves.entries()) {
      const cr: number[] = [];
      const or: number[] = [];
      const tr: number[] = [];
      const ar: number[] = [];
      for (const [k, level] of vixLevels.entries()) {
        const s = shiftedState(book, d, book.spot * (1 + move), level);
        const cell = { i, j, k, day: d, move, level };
        const pc = cellValue(book, plan, 'condor', s, cell) - base.condor;
        const po = cellValue(book, plan, 'overlay', s, cell) - base.overlay;
        const pt = cellValue(book, plan, 'tail', s, cell) - base.tail;
        cr.push(pc);
        or.push(po);
        tr.push(pt);
        ar.push(pc + po + pt);
      }
      c.push(cr);
      o.push(or);
      t.push(tr);
      all.push(ar);
    }
    out.dates.push(toIsoDate(parseIsoDate('valuationDate', book.valuationDate) + d));
    out.condor.push(c);
    out.overlay.push(o);
    out.tail.push(t);
    out.total.push(all);
  }
  if (pl !== undefined) out.notes.push(...planCellNote(pl, book, out));
  out.notes.push(...settledDaysNote(book, v.days, out.dates));
  return out;
}
