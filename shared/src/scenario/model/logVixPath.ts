/** A path of the log-VIX model (`logVixModel.ts`), one calendar day a step. */
import { checkFinite, checkInteger, checkPositive } from '../../validate';
import { invalidInput } from '../../errors';
import type { PathDraws } from '../philox';
import type { LogVixModel } from './logVixModel';
import { DT, SQRT_DT } from './logVixParams';

/**
 * One path of the model: the three factors, ln S and the day. Advance it one day with that day's draws
 * ({@link PathDraws}: z₁ drives VIX, z₂ the SPX's own noise, u₁ the jump, u₂ its size). The same shape
 * as the engine's `JointPath`: `reset()`, `advance(draws, sign)`, `vix`, `spot`, `jumped`. No
 * allocation per step.
 */
export class LogVixPath {
  fast = 0;
  slow = 0;
  /** The spike factor: the up-jumps, reverting at κ_j. */
  spike = 0;
  logSpot = 0;
  /** ln VIX now. */
  logVix = 0;
  /** VIX now (index points). */
  vix = 0;
  /** Days advanced since reset. */
  day = 0;
  /** Whether the last step had a jump. */
  jumped = false;

  constructor(private readonly m: LogVixModel) {
    this.reset();
  }

  reset(): void {
    const m = this.m;
    this.fast = m.fast0;
    this.slow = m.slow0;
    this.spike = m.spike0;
    this.logSpot = Math.log(m.spot);
    this.logVix = Math.log(m.vix);
    this.vix = m.vix;
    this.day = 0;
    this.jumped = false;
  }

  get spot(): number {
    return Math.exp(this.logSpot);
  }

  /** Put the path at a state: day, the three factors and SPX (to continue paths from a state). */
  setState(day: number, fast: number, slow: number, spike: number, spot: number): void {
    const m = this.m;
    checkInteger('day', day, 0);
    if (day > m.tableDays) {
      throw invalidInput('day', `is ${day}, beyond the model's ${m.tableDays} days`, 'pass a day within tableDays');
    }
    this.day = day;
    this.fast = checkFinite('fast', fast);
    this.slow = checkFinite('slow', slow);
    this.spike = checkFinite('spike', spike);
    this.logSpot = Math.log(checkPositive('spot', spot));
    this.logVix = m.mu[day]! + fast + slow + spike;
    this.vix = Math.exp(this.logVix);
    this.jumped = false;
  }

  /** One day; `sign` = −1 for the antithetic twin (normals negated, jump draws shared). */
  advance(r: PathDraws, sign: number): void {
    const m = this.m;
    const p = m.params;
    let s2 = m.varBase + m.varSlope * this.logVix;
    if (s2 < m.varFloor) s2 = m.varFloor;
    const z1 = sign * r.z1;
    const e = Math.sqrt(s2) * SQRT_DT * z1;
    const fast = m.phiFast * this.fast + m.wFast * e;
    let spike = m.phiSpike * this.spike;
    const slow = m.phiSlow * this.slow + m.wSlow * e;
    // the SPX's whole variance v, less what the down-jumps carry (floored at v/4)
    const v = this.vix * this.vix * m.volScale2;
    let s2x = v - m.spxJumpVar;
    if (s2x < 0.25 * v) s2x = 0.25 * v;
    const sigma = Math.sqrt(s2x);
    let logS =
      this.logSpot + m.spxDrift - 0.5 * sigma * sigma * DT + sigma * SQRT_DT * (p.rho * z1 + m.rhoBar * sign * r.z2);
    if (r.u1 < m.jumpProb) {
      // The mixture by one uniform: u₂ < q picks a large jump, and u₂/q (or (u₂ − q)/(1 − q)) is
      // again uniform on (0, 1) for its size.
      const u = r.u2;
      const q = p.bigJumpShare;
      const y = u < q ? -p.bigJumpMeanLog * Math.log(u / q) : -p.jumpMeanLog * Math.log((u - q) / (1 - q));
      spike += y;
      logS -= p.spxJumpPerLogJump * y;
      this.jumped = true;
    } else {
      this.jumped = false;
    }
    const day = this.day + 1;
    this.day = day;
    this.fast = fast;
    this.slow = slow;
    this.spike = spike;
    this.logSpot = logS;
    const lx = m.mu[day < m.mu.length ? day : m.mu.length - 1]! + fast + slow + spike;
    this.logVix = lx;
    this.vix = Math.exp(lx);
  }
}
