/**
 * The 200 answers of the API as types, in one file for the OpenAPI document: functions/build.mjs
 * generates their JSON schemas (src/generated/resultSchemas.json) with ts-json-schema-generator,
 * so the document describes exactly what the handlers return. Typed arrays travel as JSON arrays
 * of numbers, and the replay's `assumptions` (a zod output type the generator cannot read) are
 * described from their zod schema by the OpenAPI builder.
 */
import type {
  FrontierResult,
  MonteCarloSummary,
  Plan,
  ReplayCampaign,
  ReplayLedgerRow,
  ReplayPeriodSummary,
  ReplaySeries,
  StressGridResult,
  SurfaceResponse,
} from '@alvh/shared';
import type { Health } from './handlers/health';

/** Plan field for field, with the resolved `policy` (a zod output type) left to the policy schema. */
export interface PlanResult extends Omit<Plan, 'policy'> {
  policy: Record<string, unknown>;
}
// A named interface (not an alias or a re-export), which the schema generator finds by name.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface StressResult extends StressGridResult {}
/** ReplayResult field for field (a test checks the keys), with `assumptions` left to the zod schema. */
export interface ReplayAnswer {
  from: string;
  to: string;
  days: number;
  /**
   * Realised history, no probability measure: every figure (`total`, `years`, `episodes`,
   * `campaigns`, `series`, `ledger`) is what the book made and lost on the one path the rows
   * took, its options marked to model each day on that day's surfaces (no option quotes are in
   * the data). Not a distribution: for probabilities, the Monte Carlo (`measure` real-world).
   */
  measure: 'historical';
  skipped: { count: number; first: { date: string; reason: string }[] };
  assumptions: Record<string, unknown>;
  total: ReplayPeriodSummary;
  years: ReplayPeriodSummary[];
  episodes: ReplayPeriodSummary[];
  campaigns: ReplayCampaign[];
  series: ReplaySeries;
  ledger: ReplayLedgerRow[];
  notes: string[];
}
// A named interface (not an alias or a re-export), which the schema generator finds by name.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface HealthResult extends Health {}

/** A Monte Carlo chunk as JSON: the per-path arrays as arrays of numbers (USD; rebalances as counts). */
export interface MonteCarloPartialJson {
  seed: number;
  paths: number;
  firstPath: number;
  pathCount: number;
  horizonDays: number;
  antithetic: boolean;
  /** The measure, dynamics and model start of the paths (chunks of one run share them). */
  measure: MonteCarloSummary['measure'];
  dynamics: MonteCarloSummary['dynamics'];
  modelStart: MonteCarloSummary['modelStart'];
  /** The run's fingerprint: chunks of one run share it (16 hex digits). */
  runKey: string;
  /** SPX and VIX at t = 0, points. */
  spot0: number;
  vix0: number;
  condorMaxLoss: number;
  hedgeDebit: number;
  tailContracts0: number;
  /**
   * What the run's input asked for that its paths do not follow (a plan input's `positions` or
   * `lastRebalance`: the paths run the plan's book at today's sizing), one sentence each; the
   * summary's `notes` open with them. Absent when there is none.
   */
  inputNotes?: string[];
  condor: number[];
  book: number[];
  costs: number[];
  rebalances: number[];
  tailContracts: number[];
  spxEnd: number[];
  vixEnd: number[];
  vixMax: number[];
  tailOutlay: number[];
}

export interface MonteCarloResult {
  /** Absent with `?partial=false`. */
  partial?: MonteCarloPartialJson;
  /** Null for a single-path chunk. */
  summary: MonteCarloSummary | null;
}

/** POST /api/surface: the surface's source and label, its warnings, one row per expiry, the arbitrage report and the points' vols. */
// A named interface (not an alias or a re-export), which the schema generator finds by name.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface SurfaceResult extends SurfaceResponse {}

/** The answer of POST /api/frontier (FrontierResult; `partial` with ?partial=true, its arrays as numbers). */
export interface FrontierAnswer extends FrontierResult {
  /** The merged chunk (only with ?partial=true): per-path arrays in path order. */
  partial?: {
    seed: number;
    paths: number;
    firstPath: number;
    pathCount: number;
    horizonDays: number;
    antithetic: boolean;
    measure: 'real-world' | 'risk-neutral';
    dynamics: MonteCarloSummary['dynamics'];
    spot0: number;
    vix0: number;
    frame: Record<string, unknown>;
    spxEnd: number[];
    condor: number[];
    hedges: number[][];
  };
}
