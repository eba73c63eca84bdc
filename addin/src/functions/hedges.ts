/**
 * The condor and its hedges in cells: ALVH.CONDOR, ALVH.CONDORLOSS, ALVH.OVERLAY and
 * ALVH.TAILSIZE (method sections 1, 5 and 6).
 */
import {
  checkVxFloor,
  AlvhError,
  checkListedSpxStrike,
  checkSpotAndStrikes,
  checkMarketRate,
  checkVxPrice,
  drawdownState,
  invalidInput,
  isAlvhError,
  limitExceeded,
  grouped,
  MAX_CONTRACTS,
  resolvePolicy,
  scenarioLoss,
  overlayRiskBeyondDebit,
  overlayRoundsToNone,
  sizeOverlay,
  sizeTailHedge,
  stressedVix,
  type OverlaySizing,
  type TailSizeResult,
} from '@alvh/shared';
import {
  choiceArg,
  withHeaders,
  dateArg,
  numberArg,
  optionalNumber,
  plainNumberArg,
  withDecimalCommaReading,
} from './args';
import {
  checkHeldThroughDrawdown,
  checkStressVix,
  policyArg,
  shortNumber,
  stressVixArg,
  tailHorizonArg,
  vixOptionYears,
  volOfVolArg,
} from './bounds';
import { excelCall } from './excelErrors';
import { legText } from '../common/hedgeViews';
import { labelled, opt, type LabelledRow } from './format';
import { NO_BREAK_EVEN } from '../common/presentRows';
import { CONDOR_ARGS, condorOf, listedSpxExpiry, noVxCurve, spxState, vixPointsArg } from './condorArgs';
import { usdArg, vegaArg } from './usdArgs';

const TAILSIZE_HEADERS = ['contracts', 'strike (points)', 'premium (points per option)', 'gain per contract (USD)'];

/** TAILSIZE's strikeStep as the policy takes it: a multiple of the listed half-point VIX grid. */
function halfPointStep(step: number | undefined): number | undefined {
  if (step !== undefined && Math.abs(step * 2 - Math.round(step * 2)) > 1e-9)
    throw invalidInput(
      'strikeStep',
      `is ${step}, off the half-point grid VIX options list on`,
      'pass a multiple of 0.5 VIX points (0.5, 1, 2.5, …)',
    );
  return step;
}

/**
 * The tail VIX call hedge for a condor's drawdown loss (method section 6).
 * @customfunction TAILSIZE TAILSIZE
 * @helpurl https://localhost:3000/help.html#TAILSIZE
 * @param condorLoss Condor loss in the drawdown scenario, USD, 0 or more (0: 0 contracts, nothing to cover); a cover needing more than 100,000 calls (one leg's limit) is refused.
 * @param hedgeFuture VX future of the hedge expiry, index points, 5 to 500.
 * @param hedgeYears Time to the hedge expiry, years ACT/365: above 0, at most 2, and at least horizonYears.
 * @param volOfVol Implied vol of the VIX calls, a decimal from 0.04 to 5: the plan's mark is ALVH.VIXVOL(vvix, hedgeYears, strike, hedgeFuture), or ALVH.VIXVOL(120, …) without a VVIX (defaultVolOfVol 1.2); VVIX/100 (1.1 for VVIX 110) is one flat vol.
 * @param stressedFuture The VX future in the drawdown scenario, index points, 5 to 500.
 * @param [coverage] Scenario gain to buy, in times the condor loss, 0.1 to 10; default 1.8.
 * @param [otmPct] Strike above the future as a decimal from 0 to 0.5 (0.01 is 1%); default 0.025.
 * @param [rate] Risk-free rate, continuously compounded decimal, −0.05 to 0.2; default 0.
 * @param [horizonYears] Length of the drawdown, years (days/365), from 0 up to hedgeYears; a whole number from 2 is taken for days typed as years and refused; default 10/365.
 * @param [stressVolOfVol] Implied vol of the VIX calls in the drawdown, a decimal from 0.04 to 5: ALVH.VIXVOL at the stressed VVIX (or today's; 120 without a VVIX), the years left after the drawdown and stressedFuture (the plan's mark); or VVIX/100; default volOfVol.
 * @param [strikeStep] VIX strike grid, points, 0.5 to 10 in steps of 0.5; default 1.
 * @param [headers] TRUE adds a header row naming each column above the values; FALSE (default) gives the values alone.
 * @returns One row (two with headers), four columns: contracts, strike (VIX points), premium (VIX points per option; ×100 is USD per contract), gain per contract (USD).
 */
export function tailsize(
  condorLoss: unknown,
  hedgeFuture: unknown,
  hedgeYears: unknown,
  volOfVol: unknown,
  stressedFuture: unknown,
  coverage?: unknown,
  otmPct?: unknown,
  rate?: unknown,
  horizonYears?: unknown,
  stressVolOfVol?: unknown,
  strikeStep?: unknown,
  headers?: unknown,
): unknown[][] {
  // a price typed "23,325" reads as 23325: its refusal offers the decimal reading first
  const body = () => {
    const years = vixOptionYears('hedgeYears', hedgeYears, 'the hedge');
    const t = inSheetWords(() =>
      sizeTailHedge({
        condorLoss: usdArg('condorLoss', condorLoss),
        hedgeFuture: checkVxFloor('hedgeFuture', plainNumberArg('hedgeFuture', hedgeFuture)),
        hedgeYears: years,
        volOfVol: volOfVolArg('volOfVol', numberArg('volOfVol', volOfVol)),
        stressedFuture: checkVxFloor(
          'stressedFuture',
          checkVxPrice('stressedFuture', plainNumberArg('stressedFuture', stressedFuture)),
        ),
        ...opt('coverage', policyArg('coverage', 'tailCoverage', coverage, '(times the loss)', true)),
        ...opt('otmPct', policyArg('otmPct', 'tailOtmPct', otmPct, '(a decimal: 0.025 is 2.5% above the future)')),
        // a USD rate as every SPX and VX function takes it (-0.05 to 0.2): 0.5 is a slip, not a rate
        ...opt('rate', withRate(optionalNumber('rate', rate))),
        ...opt('horizonYears', tailHorizonArg(horizonYears, years)),
        ...opt('stressVolOfVol', volOfVolArg('stressVolOfVol', optionalNumber('stressVolOfVol', stressVolOfVol))),
        ...opt('strikeStep', halfPointStep(policyArg('strikeStep', 'vixStrikeStep', strikeStep, 'VIX points'))),
      }),
    );
    if (t.contracts > MAX_CONTRACTS)
      throw tooManyCalls(t, usdArg('condorLoss', condorLoss), plainNumberArg('stressedFuture', stressedFuture));
    return withHeaders(headers, TAILSIZE_HEADERS, [t.contracts, t.strike, t.premium, t.gainPerContract]);
  };
  return excelCall(() => withDecimalCommaReading({ hedgeFuture, stressedFuture }, body));
}

/**
 * TAILSIZE's sizing, its no-gain refusal told in the sheet's arguments (the package's fix names
 * the policy fields a plan reads, which are arguments here).
 */
function inSheetWords<T>(body: () => T): T {
  try {
    return body();
  } catch (e) {
    if (isAlvhError(e) && e.code === 'no_solution' && e.field === 'stressedFuture') {
      // the same figures in fewer words, so that the fix fits the cell's message
      const m = /struck at (\S+) costs (\S+) and is worth (\S+) in the scenario \(future (\S+)\)/.exec(e.problem);
      const problem = m
        ? `the ${m[1]} call costs ${m[2]} and is worth ${m[3]} at the stressed future ${m[4]}: it gains nothing`
        : e.problem;
      throw new AlvhError(e.code, e.field, problem, 'raise stressedFuture, or pass a later expiry or a lower otmPct');
    }
    throw e;
  }
}

/**
 * TAILSIZE's refusal of more calls than one leg holds (MAX_CONTRACTS, as OVERLAY, CONDOR and
 * ORDERS refuse): a gain of at least a dollar a call is a sane call, so then the loss is what is
 * off (1e12 USD sized 1,961,418,624 calls); else the call gains next to nothing in the scenario.
 */
function tooManyCalls(t: TailSizeResult, loss: number, stressedFuture: number): AlvhError {
  const calls = `${t.contracts.toExponential(2)} calls`;
  const gain = `$${t.gainPerContract.toPrecision(3)}`;
  if (t.gainPerContract >= 1)
    return limitExceeded(
      'condorLoss',
      `is ${loss} USD: its ${shortNumber(t.targetGain / loss)}× cover needs ${calls} gaining ${gain} each, over ${grouped(MAX_CONTRACTS)} a leg`,
      "pass the condor's drawdown loss in USD (ALVH.CONDORLOSS), or a lower coverage",
    );
  return limitExceeded(
    'stressedFuture',
    `is ${stressedFuture}: the ${t.strike} call gains ${gain} there, so little that the cover needs ${calls}, over ${grouped(MAX_CONTRACTS)} a leg`,
    'raise stressedFuture, or pass a later expiry or a lower otmPct',
  );
}

/** An optional rate checked as a market rate (undefined: the default). */
function withRate(r: number | undefined): number | undefined {
  return r === undefined ? undefined : checkMarketRate('rate', r);
}

/**
 * Iron condor analytics (method section 1): credit, max profit and loss, break-evens, short-strike distances, risk-neutral probability of profit and dollar Greeks.
 * @customfunction CONDOR CONDOR
 * @helpurl https://localhost:3000/help.html#CONDOR
 * @param valuationDate The day (an Excel date).
 * @param spot SPX level, index points.
 * @param vix VIX level, index points; the legs are marked on the SPX surface built from VIX alone (flat term structure, calibrated skew).
 * @param expiry The condor's expiry (an Excel date).
 * @param strikes Four listed strikes (multiples of 5) in a row or column, index points: long put, short put, short call, long call; blanks before and after them are ignored, a blank between them is an error.
 * @param [quantity] Number of condors, whole contracts (multiplier 100), 1 to 100,000; default 1.
 * @param [credit] Net credit per share, index points; default: priced on the SPX surface of the VIX.
 * @param [rate] Risk-free rate, continuously compounded decimal, −0.05 to 0.2; default 0.
 * @param [divYield] SPX dividend yield, continuously compounded decimal, −0.05 to 0.2; default 0.
 * @returns Two columns, label and value, a row each: credit (points), credit source, max profit and max loss (USD), break-even low and high (points), short put and call in SD, passes the 1.5 SD check, probability of profit (risk-neutral, the surface's smile), return on risk per year, days to expiry, delta, gamma, vega, theta (USD).
 */
export function condor(
  valuationDate: unknown,
  spot: unknown,
  vix: unknown,
  expiry: unknown,
  strikes: unknown[][],
  quantity?: unknown,
  credit?: unknown,
  rate?: unknown,
  divYield?: unknown,
): unknown[][] {
  return excelCall(() => {
    const { analytics: c } = condorOf(
      valuationDate,
      spot,
      vix,
      expiry,
      strikes,
      quantity,
      credit,
      rate,
      divYield,
      resolvePolicy(),
    );
    return labelled([
      ['credit (points per share)', c.credit],
      ['credit source', c.creditSource],
      ['max profit (USD)', c.maxProfit],
      ['max loss (USD)', c.maxLoss],
      ['break-even low (points)', c.breakEvens.lower ?? NO_BREAK_EVEN.lower],
      ['break-even high (points)', c.breakEvens.upper ?? NO_BREAK_EVEN.upper],
      ['short put distance (SD)', c.zPut],
      ['short call distance (SD)', c.zCall],
      ['passes the SD check', c.passesSdCheck],
      ['probability of profit (risk-neutral, surface smile)', c.probabilityOfProfit],
      ['return on risk (per year)', c.returnOnRisk],
      ['days to expiry', c.days],
      ['delta (USD per SPX point)', c.greeks.delta],
      ['gamma (USD per SPX point²)', c.greeks.gamma],
      ['vega (USD per vol point)', c.greeks.vega],
      ['theta (USD per day)', c.greeks.theta],
    ]);
  }, CONDOR_ARGS);
}

/**
 * The condor's loss in the method's drawdown (section 6): SPX falls by the drawdown over the drawdown days while VIX jumps; the condor is repriced there.
 * @customfunction CONDORLOSS CONDORLOSS
 * @helpurl https://localhost:3000/help.html#CONDORLOSS
 * @param valuationDate The day (an Excel date).
 * @param spot SPX level, index points.
 * @param vix VIX level, index points; the legs are marked on the SPX surface built from VIX alone (as ALVH.CONDOR), moved to the drawdown's VIX.
 * @param expiry The condor's expiry (an Excel date), no earlier than the drawdown's last day (valuationDate + drawdownDays).
 * @param strikes Four listed strikes (multiples of 5) in a row or column, index points: long put, short put, short call, long call; blanks before and after them are ignored, a blank between them is an error.
 * @param [quantity] Number of condors, whole contracts (multiplier 100), 1 to 100,000; default 1.
 * @param [credit] Net credit per share, index points; default: priced on the SPX surface of the VIX, as ALVH.CONDOR (it caps the loss at the max loss).
 * @param [rate] Risk-free rate, continuously compounded decimal, −0.05 to 0.2; default 0.
 * @param [divYield] SPX dividend yield, continuously compounded decimal, −0.05 to 0.2; default 0.
 * @param [drawdown] SPX fall as a decimal, 0.01 to 0.9; default 0.2 (20%).
 * @param [drawdownDays] Calendar days the fall takes, whole, 0 to 60; default 10.
 * @param [stressVix] VIX in the drawdown, index points, from today's VIX (it rises as SPX falls) up to 300; default VIX + 1.5 per 1% of drawdown.
 * @returns The loss in USD for the whole position (0 up to the condor's max loss).
 */
export function condorloss(
  valuationDate: unknown,
  spot: unknown,
  vix: unknown,
  expiry: unknown,
  strikes: unknown[][],
  quantity?: unknown,
  credit?: unknown,
  rate?: unknown,
  divYield?: unknown,
  drawdown?: unknown,
  drawdownDays?: unknown,
  stressVix?: unknown,
): number {
  return excelCall(
    () => {
      const policy = resolvePolicy({
        ...opt('drawdown', policyArg('drawdown', 'drawdown', drawdown, '(a decimal: 0.2 is a 20% fall)')),
        ...opt('drawdownDays', policyArg('drawdownDays', 'drawdownDays', drawdownDays, 'calendar days')),
        ...opt('stressVix', stressVixArg(stressVix)),
      });
      const { analytics, state } = condorOf(
        valuationDate,
        spot,
        vix,
        expiry,
        strikes,
        quantity,
        credit,
        rate,
        divYield,
        policy,
      );
      checkStressVix(policy.stressVix, state.vix);
      // A condor settled before the drawdown ends is not held through it (STRESSFUTURE and TAILSIZE
      // refuse the same case): priced anyway, day 10's fall gave a condor of day 5 its max loss.
      checkHeldThroughDrawdown(
        state.date,
        dateArg('expiry', expiry),
        policy.drawdownDays,
        'pass a condor expiring after the drawdown ends, or a shorter drawdownDays',
      );
      const stressed = drawdownState(state, noVxCurve, policy, stressedVix(state.vix, policy), policy.defaultVolOfVol);
      return scenarioLoss(analytics.legs, state, stressed, analytics.maxLoss);
    },
    {
      ...CONDOR_ARGS,
      'policy.drawdown': 'drawdown',
      'policy.stressVixPerPct': 'drawdown',
      'policy.drawdownDays': 'drawdownDays',
      'policy.stressVix': 'stressVix',
    },
  );
}

/**
 * The calendar overlay (method section 5): units of an SPX put calendar (or long put) whose vega offsets a share of the condor's vega.
 * @customfunction OVERLAY OVERLAY
 * @helpurl https://localhost:3000/help.html#OVERLAY
 * @param valuationDate The day (an Excel date).
 * @param spot SPX level, index points.
 * @param vix VIX level, index points; options are marked on the SPX surface built from VIX alone (flat term structure, calibrated skew).
 * @param condorExpiry The condor's expiry (an Excel date, an exchange trading day): the calendar's front leg.
 * @param strike Strike of the calendar, a listed one (a multiple of 5), index points (the method uses the condor's short put).
 * @param condorVega The condor's net vega, USD per vol point (ALVH.CONDOR's vega row, negative for a short condor); 0 (an empty cell read as 0) and a positive vega are refused.
 * @param [vegaMatch] Share of |condor vega| to offset, decimal 0.4-0.6; default 0.5; pass 0.6 when the method's RSI widening applies: RSI below 40 with F1 − F2 above 0.25 points (backwardation) and no A/D slope below 0.
 * @param [structure] "spx-put-calendar" (default) or "spx-long-put".
 * @param [backDays] Calendar days from the condor expiry to aim the back put at, whole, 1 to 365; default 30. The back put is the SPX monthly nearest that day and after the condor's.
 * @param [rate] Risk-free rate, continuously compounded decimal, −0.05 to 0.2; default 0.
 * @param [divYield] SPX dividend yield, continuously compounded decimal, −0.05 to 0.2; default 0.
 * @returns Two columns, label and value, a row each: structure, units, target and unit vega (USD per vol point), unit cost and cost (USD), vega (USD per vol point) and theta (USD per day) of the overlay, the most a put calendar can lose beyond its cost (USD), then its legs; a warning row when the target rounds to no units.
 */
export function overlay(
  valuationDate: unknown,
  spot: unknown,
  vix: unknown,
  condorExpiry: unknown,
  strike: unknown,
  condorVega: unknown,
  vegaMatch?: unknown,
  structure?: unknown,
  backDays?: unknown,
  rate?: unknown,
  divYield?: unknown,
): unknown[][] {
  return excelCall(
    () => {
      const policy = resolvePolicy();
      const vixLevel = vixPointsArg(vix);
      const kind = choiceArg('structure', structure, ['spx-put-calendar', 'spx-long-put']);
      const date = dateArg('valuationDate', valuationDate);
      const front = dateArg('condorExpiry', condorExpiry);
      if (front <= date) {
        throw invalidInput(
          'condorExpiry',
          `is ${front}, not after the valuation date ${date}`,
          "pass the condor's expiry, a later date (the calendar's front leg would have expired)",
        );
      }
      listedSpxExpiry('condorExpiry', front, date);
      const state = spxState(date, spot, vixLevel, rate, divYield, policy);
      const k = plainNumberArg('strike', strike);
      // sign and distance from SPX before the grid, as CONDOR checks its strikes: a date or a
      // negative typed for a strike is named as such, not sent to a multiple of 5
      checkSpotAndStrikes('spot', state.spot, [{ field: 'strike', strike: k }]);
      checkListedSpxStrike('strike', k);
      const o = sizeOverlay({
        structure: kind,
        condorVega: vegaArg('condorVega', condorVega),
        vegaMatch: policyArg('vegaMatch', 'vegaMatch', vegaMatch) ?? policy.vegaMatch,
        condorExpiry: front,
        strike: k,
        backDays: policyArg('backDays', 'overlayBackDays', backDays, 'calendar days') ?? policy.overlayBackDays,
        state,
      });
      // sizeOverlay refuses a unit under MIN_UNIT_VEGA, so a count over the leg limit comes from the
      // target: a condor vega typed in the wrong unit
      if (o.units > MAX_CONTRACTS)
        throw limitExceeded(
          'condorVega',
          `is ${vegaArg('condorVega', condorVega)}: its target (${o.targetVega.toPrecision(3)}) needs ${o.units.toExponential(2)} units of vega ${o.unitVega.toPrecision(3)}, over ${grouped(MAX_CONTRACTS)} a leg`,
          "pass the condor's net vega in USD per vol point (ALVH.CONDOR's vega row)",
        );
      return labelled([
        ['structure', o.structure],
        ['units', o.units],
        ['target vega (USD per vol point)', o.targetVega],
        ['unit vega (USD per vol point)', o.unitVega],
        ['unit cost (USD)', o.unitCost],
        ['cost (USD)', o.cost],
        ['vega (USD per vol point)', o.vega],
        ['theta (USD per day)', o.theta],
        // a put calendar can lose more than its cost: its back put's carry in a crash (method, capital cap)
        ['loss beyond cost, at most (USD)', overlayRiskBeyondDebit(o, state.rate, state.divYield)],
        // "+3 SPX 2024-03-15 4400 put", "-2 SPXW 2024-03-22 4400 put": the contract under its exchange root
        ...o.legs.map((l, i): LabelledRow => [
          `leg ${i + 1}`,
          `${l.quantity > 0 ? '+' : ''}${l.quantity} ${legText(l)}`,
        ]),
        // a target under half a unit rounds to 0 units: said, never a silent 0
        ...noUnitsRow(o),
      ]);
    },
    {
      'overlay.strike': 'strike',
      'policy.overlay': 'structure',
      'policy.overlayStrike': 'strike',
      'policy.overlayBackDays': 'backDays',
      'condor.expiry': 'condorExpiry',
      'indices.vix': 'vix',
      'state.date': 'valuationDate',
      'state.spot': 'spot',
      'state.vix': 'vix',
      'state.rate': 'rate',
      'state.divYield': 'divYield',
    },
  );
}

/** The warning row of an overlay whose target rounds to no units (one unit's vega over twice it), in OVERLAY's arguments. */
function noUnitsRow(o: OverlaySizing): LabelledRow[] {
  const why = overlayRoundsToNone(
    o,
    'Pass a larger condorVega (more condors), raise vegaMatch, or choose a smaller unit (a shorter backDays).',
  );
  return why === undefined ? [] : [['warning', why]];
}
