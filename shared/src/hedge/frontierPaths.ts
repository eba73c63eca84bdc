/**
 * The frontier's paths: the calibrated Monte Carlo's joint SPX/VIX paths (same generator, keyed by
 * seed and path), on which the condors and ONE unit of every component are marked. A book of any
 * size on the ladder is then a sum of these per-unit P&Ls, so every budget is scored on the same
 * paths without simulating them again.
 */
import { invalidInput, noSolution } from '../errors';
import { parseIsoDate } from '../dates';
import { LogVixPath } from '../scenario/model/logVixPath';
import { JointPath } from '../scenario/dynamics';
import { PathDraws } from '../scenario/philox';
import { compileLegs, legsAfter, legsSettling, legsValue } from '../scenario/pathPricer';
import { StateFutures, prepare, sumAbsQty } from '../scenario/mcEngine';
import { MonteCarloCancelled, PROGRESS_EVERY } from '../scenario/mcTypes';
import { checkContiguous, concatChunks } from '../scenario/chunks';
import { frontierSetup, type FrontierSetup } from './frontierSetup';
import type { FrontierPartial } from './frontierTypes';

export interface FrontierRunOptions {
  onProgress?: (done: number, total: number) => void;
  shouldCancel?: () => boolean;
}

/**
 * Run paths [firstPath, firstPath + pathCount) of a resolved frontier. The P&L of path i depends
 * only on the input and i, so chunks merge exactly ({@link mergeFrontier}). Throws
 * {@link MonteCarloCancelled} when `shouldCancel` returns true (polled every PROGRESS_EVERY paths).
 */
export function runFrontierSetup(s: FrontierSetup, opts: FrontierRunOptions = {}): FrontierPartial {
  const e = prepare(s.mc);
  const { run, policy, book: b } = s.mc;
  const { lv, d, m, condor } = e;
  const day0 = parseIsoDate('valuationDate', b.valuationDate);
  const comps = s.componentLegs.map((legs, k) => compileLegs(legs, day0, b.vix, m, b.futureFor, `components[${k}]`));
  const v0 = comps.map((c) => legsValue(c, 0, b.spot, b.vix, m));
  const tc = policy.transactionCostPerContract;
  const openCost = comps.map((c) => tc * sumAbsQty(c));
  const n = run.pathCount;
  const H = run.horizonDays;
  const K = comps.length;
  const out: FrontierPartial = {
    seed: run.seed,
    paths: run.paths,
    firstPath: run.firstPath,
    pathCount: n,
    horizonDays: H,
    antithetic: run.antithetic,
    measure: run.measure,
    dynamics: run.dynamics,
    spot0: b.spot,
    vix0: b.vix,
    frame: s.frame,
    spxEnd: new Float64Array(n),
    condor: new Float64Array(n),
    hedges: comps.map(() => new Float64Array(n)),
  };
  const lpath = lv !== null ? new LogVixPath(lv) : null;
  const path: JointPath | LogVixPath = lpath ?? new JointPath(d!);
  if (lv !== null) m.futures = new StateFutures(lv, lpath!);
  const draws = new PathDraws();
  const settleDay = new Uint8Array(H + 1);
  for (const c of [condor, ...comps])
    for (let k = 0; k < c.n; k++) if (c.expiryDay[k]! <= H) settleDay[c.expiryDay[k]!] = 1;
  const cash = new Float64Array(K);
  try {
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
      for (let k = 0; k < K; k++) cash[k] = -v0[k]!;
      for (let t = 0; t < H; t++) {
        draws.step(t);
        path.advance(draws, sign);
        const day = t + 1;
        if (settleDay[day] === 1) {
          const spot = path.spot;
          const vix = path.vix;
          condorCash += legsSettling(condor, day, spot, vix);
          for (let k = 0; k < K; k++) cash[k] = cash[k]! + legsSettling(comps[k]!, day, spot, vix);
        }
      }
      const spot = path.spot;
      const vix = path.vix;
      const condorPnl = condorCash + legsAfter(condor, H, spot, vix, m);
      if (!Number.isFinite(condorPnl)) {
        throw noSolution('plan', `path ${i} ends with a non-finite P&L (SPX ${spot}, VIX ${vix})`, 'check the book');
      }
      out.condor[j] = condorPnl;
      out.spxEnd[j] = spot;
      for (let k = 0; k < K; k++) {
        const pnl = cash[k]! + legsAfter(comps[k]!, H, spot, vix, m) - openCost[k]!;
        if (!Number.isFinite(pnl)) {
          throw noSolution(
            'plan',
            `path ${i}: ${s.frame.components[k]!.name} ends with a non-finite P&L (SPX ${spot}, VIX ${vix})`,
            'check the book',
          );
        }
        out.hedges[k]![j] = pnl;
      }
    }
  } finally {
    delete m.futures;
  }
  opts.onProgress?.(n, n);
  return out;
}

/** Run one chunk of a frontier from raw input (validated by FrontierInputSchema). */
export function runFrontierChunk(input: unknown, opts: FrontierRunOptions = {}): FrontierPartial {
  return runFrontierSetup(frontierSetup(input), opts);
}

/**
 * Concatenate contiguous chunks of one frontier run in path order (chunks that came through JSON,
 * with plain arrays, are accepted). Throws when they come from different runs, overlap or leave a gap.
 */
export function mergeFrontier(parts: readonly FrontierPartial[]): FrontierPartial {
  if (parts.length === 0) throw invalidInput('parts', 'is empty', 'pass at least one frontier chunk');
  const sorted = [...parts].sort((a, b) => a.firstPath - b.firstPath);
  const first = sorted[0]!;
  const frame = JSON.stringify(first.frame);
  const total = checkContiguous(sorted, (p, k) => {
    const same =
      p.seed === first.seed &&
      p.paths === first.paths &&
      p.horizonDays === first.horizonDays &&
      p.antithetic === first.antithetic &&
      p.measure === first.measure &&
      p.dynamics === first.dynamics &&
      p.spot0 === first.spot0 &&
      p.vix0 === first.vix0 &&
      p.hedges.length === first.hedges.length &&
      JSON.stringify(p.frame) === frame;
    if (!same) {
      throw invalidInput(
        `parts[${k}]`,
        'comes from a different frontier run (seed, paths, measure, dynamics, market, book or ladder differ)',
        'merge only chunks of one run',
      );
    }
    const lengths = [p.spxEnd.length, p.condor.length, ...p.hedges.map((h) => h.length)];
    if (lengths.some((l) => l !== p.pathCount)) {
      throw invalidInput(
        `parts[${k}]`,
        `has per-path arrays of ${lengths.join(', ')} numbers for ${p.pathCount} paths`,
        'merge chunks as the frontier answered them (?partial=true), unchanged',
      );
    }
  });
  const cat = (pick: (p: FrontierPartial) => ArrayLike<number>): Float64Array =>
    concatChunks(sorted, total, pick, Float64Array);
  return {
    ...first,
    pathCount: total,
    spxEnd: cat((p) => p.spxEnd),
    condor: cat((p) => p.condor),
    hedges: first.hedges.map((_, k) => cat((p) => p.hedges[k]!)),
  };
}
