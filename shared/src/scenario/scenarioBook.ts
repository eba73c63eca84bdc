/**
 * Turn a validated book input (legs, spot, VX curve) into the {@link ScenarioBook} the engines
 * run: the term structure is built and fitted by the market module (κ and θ fixed by the policy
 * when it says so), and VIX legs are marked on the listed future of their expiry, else on the
 * fitted model's value.
 */
import { buildTermStructure, futureForExpiry } from '../market/index';
import type { Policy } from '../method/index';
import type { ScenarioBookInput } from '../schemas/scenario';
import type { Leg, SkewParams } from '../book/index';

/** A book and the market it is marked in, ready for the engine (hosts build it from a plan). */
export interface ScenarioBook {
  valuationDate: string;
  spot: number;
  vix: number;
  rate: number;
  divYield: number;
  /** Vol of the VX futures for VIX options, decimal. */
  volOfVol: number;
  skew: SkewParams;
  /** Mean-reversion fit of the term structure. */
  kappa: number;
  theta: number;
  /** Today's VX future for a VIX option expiry (listed, else the model value). */
  futureFor: (expiry: string) => number;
  condor: readonly Leg[];
  overlay: readonly Leg[];
  tail: readonly Leg[];
}

export function resolveScenarioBook(b: ScenarioBookInput, policy: Policy): ScenarioBook {
  const curvePolicy: { steepSpread: number; flatBand: number; kappa?: number; theta?: number } = {
    steepSpread: policy.steepSpread,
    flatBand: policy.flatBand,
  };
  if (policy.kappa !== undefined) curvePolicy.kappa = policy.kappa;
  if (policy.theta !== undefined) curvePolicy.theta = policy.theta;
  const ts = buildTermStructure({ valuationDate: b.valuationDate, vixSpot: b.vix, futures: b.futures }, curvePolicy);
  return {
    valuationDate: b.valuationDate,
    spot: b.spot,
    vix: b.vix,
    rate: b.rate,
    divYield: b.divYield,
    volOfVol: b.volOfVol ?? policy.defaultVolOfVol,
    skew: policy.skew,
    kappa: ts.fit.kappa,
    theta: ts.fit.theta,
    futureFor: (expiry) => futureForExpiry(ts, expiry),
    condor: b.condor,
    overlay: b.overlay,
    tail: b.tail,
  };
}
