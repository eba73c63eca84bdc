/**
 * The Monte Carlo engine: joint SPX/VIX paths ({@link JointPath}) driven by a counter-based
 * generator keyed by (seed, path), the book repriced along each path ({@link legsValue}), the ALVH
 * rebalancing policy applied on the way, and per-path P&L stored in path order.
 *
 * Reproducibility contract: the P&L of path i depends only on the resolved input and i. A chunk
 * [firstPath, firstPath + pathCount) therefore produces exactly the slice of the full run, and
 * {@link mergeMonteCarlo} of contiguous chunks in path order equals one run, bit for bit; every
 * summary figure is a fixed-order function of the merged arrays.
 */
import { noSolution } from '../errors';
import { OPTION_MULTIPLIER } from '../book/index';
import { curveShiftTriggerFires, cutToBudget, daysTriggerFires } from '../method/index';
import { JointPath } from './dynamics';
import { LogVixPath } from './model/logVixPath';
import { PathDraws } from './philox';
import { legPrice, legsAfter, legsSettling } from './pathPricer';
import { MonteCarloCancelled, PROGRESS_EVERY, type MonteCarloPartial, type MonteCarloSetup } from './mcTypes';
import { monteCarloSetup } from './mcSetup';
import { runKeyOf } from './runKey';

import { StateFutures, modelCurveShift, prepare, type Engine, stateShiftFires, sumAbsQty } from './mcEngine';
import { tailTarget } from './mcTail';

export * from './mcTypes';
export type { ScenarioBook } from './scenarioBook';
export { checkedMonteCarloRequest, chunkOfSetup, condorHorizonDays, monteCarloSetup } from './mcSetup';
export { VIX_BEYOND_HISTORY, mergeMonteCarlo, reviveMonteCarloPartial, summarizeMonteCarlo } from './mcResults';
export type { PathRange } from './chunks';
export { curveByDays, tailTargetAt } from './mcEngine';

/** The partial result of a run's paths, its per-path arrays still zero. */
function emptyPartial(s: MonteCarloSetup, e: Engine): MonteCarloPartial {
  const { run } = s;
  const n = run.pathCount;
  return {
    seed: run.seed,
    paths: run.paths,
    firstPath: run.firstPath,
    pathCount: n,
    horizonDays: run.horizonDays,
    antithetic: run.antithetic,
    measure: run.measure,
    dynamics: run.dynamics,
    modelStart: run.dynamics === 'calibrated' && run.vixHistory !== undefined ? 'vix-history' : 'vix-only',
    runKey: runKeyOf(s),
    spot0: s.book.spot,
    vix0: s.book.vix,
    condorMaxLoss: e.condorMaxLoss,
    hedgeDebit: e.v0.overlay + e.v0.tail,
    tailContracts0: e.tailQty0,
    ...(s.inputNotes !== undefined && s.inputNotes.length > 0 ? { inputNotes: [...s.inputNotes] } : {}),
    condor: new Float64Array(n),
    book: new Float64Array(n),
    costs: new Float64Array(n),
    rebalances: new Uint16Array(n),
    tailContracts: new Float64Array(n),
    spxEnd: new Float64Array(n),
    vixEnd: new Float64Array(n),
    vixMax: new Float64Array(n),
    tailOutlay: new Float64Array(n),
  };
}

/**
 * Run paths [firstPath, firstPath + pathCount) of the setup. Throws {@link MonteCarloCancelled}
 * when `shouldCancel` returns true (checked every {@link PROGRESS_EVERY} paths).
 *
 * One function of about 150 lines on purpose: it is the hot loop, and each path's state (cash,
 * costs, tail quantity and strike, budget spent, last rebalance) lives in locals the JIT keeps in
 * registers; the rules it applies are the method's functions and kernels (triggers, stressed VIX,
 * loss and future, tail sizing, budget cut), called from here.
 */
// eslint-disable-next-line max-lines-per-function -- the hot loop, kept whole (see above)
export function runMonteCarloSetup(
  s: MonteCarloSetup,
  opts: { onProgress?: (done: number, total: number) => void; shouldCancel?: () => boolean } = {},
): MonteCarloPartial {
  const e = prepare(s);
  const { run, policy } = s;
  const { d, lv, m, condor, overlay, tail } = e;
  const n = run.pathCount;
  const H = run.horizonDays;
  const out = emptyPartial(s, e);
  // One of the two: the calibrated model's path (futures at its state) or the square-root one.
  const lpath = lv !== null ? new LogVixPath(lv) : null;
  const path: JointPath | LogVixPath = lpath ?? new JointPath(d!);
  if (lv !== null) m.futures = new StateFutures(lv, lpath!);
  const draws = new PathDraws();
  const tc = policy.transactionCostPerContract;
  const initialCost = tc * (sumAbsQty(overlay) + sumAbsQty(tail));
  const doRebalance = run.rebalance && e.resizable;
  const ddDays = policy.drawdownDays;
  // The expiry each day's rebalance sizes on (the tail rolls into it); the tail's own at the start.
  const roll = e.roll;
  const tailExpiry0 = tail.n === 1 ? tail.expiryDay[0]! : 0;
  const tailBasis0 = tail.n === 1 ? tail.basis[0]! : 0;
  const tailBudget = s.book.tailBudget;
  // Days on which some leg expires and settles (the only days the loop needs SPX before a
  // rebalance): the legs' expiries and those the tail may roll into.
  const settleDay = new Uint8Array(H + 1);
  for (const c of [condor, overlay, tail])
    for (let k = 0; k < c.n; k++) if (c.expiryDay[k]! <= H) settleDay[c.expiryDay[k]!] = 1;
  if (roll !== null) for (const x of roll.dates.keys()) if (x <= H) settleDay[x] = 1;
  for (let j = 0; j < n; j++) {
    if (j % PROGRESS_EVERY === 0 && j > 0) {
      if (opts.shouldCancel?.()) throw new MonteCarloCancelled(j);
      opts.onProgress?.(j, n);
    }
    const i = run.firstPath + j;
    path.reset();
    draws.key(run.seed, run.antithetic ? Math.floor(i / 2) : i);
    const sign = run.antithetic && i % 2 === 1 ? -1 : 1;
    let condorCash = -e.v0.condor;
    let hedgeCash = -(e.v0.overlay + e.v0.tail);
    let costs = initialCost;
    let rebalances = 0;
    let lastReb = 0;
    let vRef = s.book.vix;
    let refDay = 0;
    let refFast = lpath !== null ? lpath.fast : 0;
    let refSlow = lpath !== null ? lpath.slow : 0;
    let refSpike = lpath !== null ? lpath.spike : 0;
    let tailQty = e.tailQty0;
    // Net cash spent on the tail so far (premium paid less sale proceeds), against the tail budget.
    let tailSpent = e.v0.tail;
    if (tail.n === 1) {
      tail.strike[0] = e.tailStrike0;
      tail.scale[0] = tailQty * OPTION_MULTIPLIER;
      tail.expiryDay[0] = tailExpiry0;
      tail.basis[0] = tailBasis0;
    }
    let vixMax = path.vix;
    for (let t = 0; t < H; t++) {
      draws.step(t);
      path.advance(draws, sign);
      const day = t + 1;
      const vix = path.vix;
      if (vix > vixMax) vixMax = vix;
      if (settleDay[day] === 1) {
        const spot = path.spot;
        condorCash += legsSettling(condor, day, spot, vix);
        hedgeCash += legsSettling(overlay, day, spot, vix) + legsSettling(tail, day, spot, vix);
      }
      // No rebalance once no expiry the method picks outlives the drawdown window.
      if (!doRebalance || day >= H || roll!.expiryOn[day]! - day <= ddDays) continue;
      if (
        !daysTriggerFires(day - lastReb, policy) &&
        !(lpath !== null
          ? stateShiftFires(e, policy, day, lpath.fast, lpath.slow, lpath.spike, refDay, refFast, refSlow, refSpike)
          : curveShiftTriggerFires(modelCurveShift(e, vix, vRef), policy))
      )
        continue;
      const spot = path.spot;
      // Rebalance: resize the tail to cover the condor's loss in the drawdown scenario from here.
      rebalances++;
      lastReb = day;
      vRef = vix;
      if (lpath !== null) {
        refDay = day;
        refFast = lpath.fast;
        refSlow = lpath.slow;
        refSpike = lpath.spike;
      }
      if (day >= e.condorExpiry) continue;
      // The method sizes on the expiry it picks today: another than the calls held is a roll.
      const held = tail.expiryDay[0]!;
      const heldBasis = tail.basis[0]!;
      const rollTo = roll!.expiryOn[day]!;
      let heldPrice = 0; // the calls held, at their mark (0 once they have settled: that is in the cash)
      if (rollTo !== held) {
        if (held > day) heldPrice = legPrice(tail, 0, day, spot, vix, m) * OPTION_MULTIPLIER;
        else tailQty = 0;
        tail.expiryDay[0] = rollTo;
        tail.basis[0] = roll!.basis.get(rollTo)!;
      }
      const target = tailTarget(e, policy, day, spot, vix);
      if (target === null) {
        // no covering size here: keep the tail as it is
        tail.expiryDay[0] = held;
        tail.basis[0] = heldBasis;
        continue;
      }
      // The sizing's premium is the path mark of a call at the target strike (Black-76 on the same
      // future, vol of vol, rate and years as legPrice, so the same number): no second pricing.
      const targetPrice = target.premium * OPTION_MULTIPLIER;
      const sameStrike = rollTo === held && target.strike === tail.strike[0];
      const oldPrice = sameStrike
        ? targetPrice
        : rollTo !== held
          ? heldPrice
          : legPrice(tail, 0, day, spot, vix, m) * OPTION_MULTIPLIER;
      if (sameStrike) {
        // Same strike: trade the difference; purchases only with what is left of the budget.
        let next = target.contracts;
        if (next > tailQty && tailBudget !== undefined) {
          next = tailQty + cutToBudget(next - tailQty, oldPrice, Math.max(0, tailBudget - tailSpent)).quantity;
        }
        const delta = next - tailQty;
        if (delta === 0) continue;
        hedgeCash -= delta * oldPrice;
        tailSpent += delta * oldPrice;
        costs += Math.abs(delta) * tc;
        tailQty = next;
      } else {
        // New strike or expiry: sell the old calls, buy the new ones within what is left of the budget.
        hedgeCash += tailQty * oldPrice;
        tailSpent -= tailQty * oldPrice;
        tail.strike[0] = target.strike;
        const newPrice = targetPrice;
        const next =
          tailBudget === undefined
            ? target.contracts
            : cutToBudget(target.contracts, newPrice, Math.max(0, tailBudget - tailSpent)).quantity;
        hedgeCash -= next * newPrice;
        tailSpent += next * newPrice;
        costs += (tailQty + next) * tc;
        tailQty = next;
      }
      tail.scale[0] = tailQty * OPTION_MULTIPLIER;
    }
    const spot = path.spot;
    const vix = path.vix;
    const condorPnl = condorCash + legsAfter(condor, H, spot, vix, m);
    const hedgePnl = hedgeCash + legsAfter(overlay, H, spot, vix, m) + legsAfter(tail, H, spot, vix, m);
    const bookPnl = condorPnl + hedgePnl - costs;
    if (!Number.isFinite(bookPnl) || !Number.isFinite(condorPnl)) {
      throw noSolution(
        lv !== null ? 'book' : 'model',
        `path ${i} ends with a non-finite P&L (SPX ${spot}, VIX ${vix})`,
        lv !== null
          ? 'check the book: its legs give no finite value on this path'
          : 'lower model.xi, model.jumpMeanVix or model.jumpIntensity',
      );
    }
    out.condor[j] = condorPnl;
    out.book[j] = bookPnl;
    out.costs[j] = costs;
    out.rebalances[j] = rebalances;
    out.tailContracts[j] = tailQty;
    out.spxEnd[j] = spot;
    out.vixEnd[j] = vix;
    out.vixMax[j] = vixMax;
    // Net premium put into the tail after t = 0 (purchases less sales before the horizon).
    out.tailOutlay[j] = tailSpent - e.v0.tail;
  }
  if (tail.n === 1) {
    tail.strike[0] = e.tailStrike0;
    tail.scale[0] = e.tailQty0 * OPTION_MULTIPLIER;
    tail.expiryDay[0] = tailExpiry0;
    tail.basis[0] = tailBasis0;
  }
  delete m.futures;
  opts.onProgress?.(n, n);
  return out;
}

/**
 * Run one chunk of a Monte Carlo from raw input (validated by {@link MonteCarloInputSchema}):
 * paths [firstPath, firstPath + pathCount) of the run. `onProgress(done, total)` is called every
 * {@link PROGRESS_EVERY} paths; `shouldCancel()` is polled as often and stops the run with
 * {@link MonteCarloCancelled}.
 *
 * @example
 * const part = runMonteCarloChunk({ book, paths: 20000, seed: 7 });
 * summarizeMonteCarlo(part).alvh.cvar95;
 */
export function runMonteCarloChunk(
  input: unknown,
  opts: { onProgress?: (done: number, total: number) => void; shouldCancel?: () => boolean } = {},
): MonteCarloPartial {
  return runMonteCarloSetup(monteCarloSetup(input), opts);
}
