/**
 * The generated metadata (addin/dist/functions.json) that Excel reads: every function the script
 * registers is listed, with a description for it and for every parameter, and the shapes Excel
 * needs (spills as matrices, optional arguments marked optional).
 */
import { readFileSync } from 'node:fs';
import { DEFAULT_CURVE_POLICY, DEFAULT_POLICY } from '@alvh/shared';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  addinDist,
  ensureAddinBuilt,
  ErrorCode,
  errorOf,
  loadBuiltFunctions,
  type CustomFunction,
} from './stubs/customFunctions';

interface ParameterMetadata {
  name: string;
  description?: string;
  type?: string;
  dimensionality?: string;
  optional?: boolean;
}
interface FunctionMetadata {
  id: string;
  helpUrl?: string;
  name: string;
  description?: string;
  parameters: ParameterMetadata[];
  result?: { type?: string; dimensionality?: string };
}

let functions: FunctionMetadata[];
let registered: string[];
let built: Map<string, CustomFunction>;

beforeAll(() => {
  ensureAddinBuilt();
  functions = (JSON.parse(readFileSync(join(addinDist, 'functions.json'), 'utf8')) as { functions: FunctionMetadata[] })
    .functions;
  built = loadBuiltFunctions();
  registered = [...built.keys()];
});

describe('error cells inside a range', () => {
  it('reach the functions (allowErrorForDataTypeAny), whose readers name one they read', () => {
    const metadata = JSON.parse(readFileSync(join(addinDist, 'functions.json'), 'utf8')) as Record<string, unknown>;
    expect(metadata['allowErrorForDataTypeAny']).toBe(true);
    // the flag applies to arguments of type any: every argument is one
    expect(
      functions.flatMap((f) => f.parameters.filter((p) => p.type !== 'any').map((p) => `${f.id}.${p.name}`)),
    ).toEqual([]);
  });
});

/** The specified functions with their exact leading arguments (later ones are optional). */
const SIGNATURES: Record<string, { required: string[]; optional: string[]; spill: boolean }> = {
  BS: { required: ['type', 'spot', 'strike', 'years', 'vol'], optional: ['rate', 'divYield', 'output'], spill: true },
  BLACK76: { required: ['type', 'future', 'strike', 'years', 'vol'], optional: ['rate', 'output'], spill: true },
  SURFACE: { required: ['chain'], optional: ['valuationDate', 'headers'], spill: true },
  FRONTIER: { required: ['inputs'], optional: ['budgets', 'paths', 'seed', 'chain', 'vixChain'], spill: true },
  PLAN: { required: ['inputs'], optional: ['events', 'eventsMode', 'chain', 'vixChain'], spill: true },
  ORDERS: { required: ['inputs'], optional: ['positions', 'chain', 'vixChain'], spill: true },
  STRUCTURES: { required: ['inputs'], optional: ['chain', 'vixChain'], spill: true },
  VOL: { required: ['surface', 'expiry', 'strike'], optional: ['valuationDate'], spill: true },
  VIXVOL: { required: ['vvix', 'years', 'strike', 'future'], optional: [], spill: false },
  IV: {
    required: ['type', 'price', 'underlying', 'strike', 'years'],
    optional: ['rate', 'divYield', 'model'],
    spill: false,
  },
  VXEXPIRY: { required: ['contractMonth'], optional: [], spill: false },
  TAILEXPIRY: { required: ['valuationDate'], optional: ['tailDteMin', 'tailDteMax', 'tailDteTarget'], spill: false },
  SPLIT: { required: ['vx1', 'vx2'], optional: ['rsi', 'prevSpread', 'macdHist', 'adSlope', 'headers'], spill: true },
  TAILSIZE: {
    required: ['condorLoss', 'hedgeFuture', 'hedgeYears', 'volOfVol', 'stressedFuture'],
    optional: ['coverage', 'otmPct', 'rate', 'horizonYears', 'stressVolOfVol', 'strikeStep', 'headers'],
    spill: true,
  },
  STRESSFUTURE: {
    required: ['valuationDate', 'vix', 'futures', 'expiry'],
    optional: ['drawdown', 'drawdownDays', 'stressVix', 'expiries', 'shockKappa', 'headers'],
    spill: true,
  },
};

describe('functions.json', () => {
  it('lists exactly the functions functions.js registers, each once, ids equal to names', () => {
    const ids = functions.map((f) => f.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual([...registered].sort());
    for (const f of functions) {
      expect(f.name).toBe(f.id);
      expect(f.name).toMatch(/^[A-Z][A-Z0-9.]*$/);
    }
  });

  it('describes every function and every parameter', () => {
    for (const f of functions) {
      expect(f.description?.trim().length ?? 0, f.id).toBeGreaterThan(20);
      expect(f.parameters.length, f.id).toBeGreaterThan(0);
      for (const p of f.parameters) expect(p.description?.trim().length ?? 0, `${f.id}(${p.name})`).toBeGreaterThan(5);
    }
  });

  it("keeps every argument's help to 255 characters, what Excel keeps of its own functions' argument help", () => {
    const long = functions.flatMap((f) =>
      f.parameters.filter((p) => (p.description ?? '').length > 255).map((p) => `${f.id}(${p.name})`),
    );
    expect(long).toEqual([]);
    // the longest are cut to fit, not dropped: PLAN's inputs still name the rows a plan needs
    const inputs = functions.find((f) => f.id === 'PLAN')?.parameters[0]?.description ?? '';
    for (const row of [
      'date',
      'spx',
      'vix',
      'rate',
      'VX1',
      'expiry',
      'k1…k4',
      'quantity',
      'credit',
      'capital',
      'budget',
    ])
      expect(inputs).toContain(row);
  });

  it('says how each series or range takes empty cells, and that an empty quote is 0', () => {
    const param = (id: string, name: string) =>
      functions.find((f) => f.id === id)?.parameters.find((p) => p.name === name)?.description ?? '';
    const trimmed = /blanks before and after (them )?are ignored, a blank between (them|closes|values) is an error/;
    for (const [id, name] of [
      ['RSI', 'closes'],
      ['MACD', 'values'],
      ['CONDOR', 'strikes'],
      ['CONDORLOSS', 'strikes'],
    ])
      expect(param(id!, name!), `${id}(${name})`).toMatch(trimmed);
    expect(param('MACD', 'values')).toContain('each above 0');
    expect(param('ADSLOPE', 'advancers')).toContain('a day of 0 advancers and 0 decliners is an error');
    for (const f of functions.filter((x) => ['BS', 'BLACK76', 'VOL'].includes(x.id)))
      for (const p of f.parameters.filter((x) => x.description?.includes('a cell or a range')))
        expect(p.description, `${f.id}(${p.name})`).toMatch(/no empty cells/);
    expect(param('SURFACE', 'chain')).toContain('an empty bid or ask cell is an error: 0 for no quote');
  });

  it('states units or the accepted values for every numeric input that has them', () => {
    const units = /point|USD|decimal|years|bars|%|0-100|Excel date|TRUE|"|days|per |times|contracts|range|row|column/;
    for (const f of functions) {
      for (const p of f.parameters) expect(p.description, `${f.id}(${p.name})`).toMatch(units);
    }
  });

  it('keeps the specified names and argument orders, with optional trailing arguments', () => {
    const byId = new Map(functions.map((f) => [f.id, f]));
    for (const [id, sig] of Object.entries(SIGNATURES)) {
      const f = byId.get(id);
      if (!f) throw new Error(`${id} is missing from functions.json`);
      expect(f.parameters.map((p) => p.name)).toEqual([...sig.required, ...sig.optional]);
      for (const p of f.parameters)
        expect(p.optional === true, `${id}(${p.name}) optional`).toBe(sig.optional.includes(p.name));
      expect(f.result?.dimensionality === 'matrix', `${id} spills`).toBe(sig.spill);
    }
  });

  it('links every function to its own entry of help.html on the manifest origin', () => {
    const help = readFileSync(join(addinDist, 'help.html'), 'utf8');
    const manifest = readFileSync(join(addinDist, '..', '..', 'manifest.xml'), 'utf8');
    const origin = /<SourceLocation DefaultValue="(https:\/\/[^/"]+)\//.exec(manifest)?.[1];
    expect(origin).toBe('https://localhost:3000');
    for (const f of functions) {
      expect(f.helpUrl, f.id).toBe(`${origin}/help.html#${f.id}`);
      expect(help, f.id).toContain(`<h2 id="${f.id}">`);
    }
  });

  it("shows on help.html, after an argument's short help, what Excel's dialog has no room for", () => {
    const help = readFileSync(join(addinDist, 'help.html'), 'utf8');
    const plan = help.slice(help.indexOf('<h2 id="PLAN">'), help.indexOf('<h2', help.indexOf('<h2 id="PLAN">') + 1));
    const inputs = /<li><code>inputs<\/code>:([^<]*)<br \/>([^<]*)<\/li>/.exec(plan);
    expect(inputs?.[2]).toMatch(
      /condor2Strikes .*lastVX1…, optional campaignBudget, paidOverlay, paidTail \(USD: .*\), and any policy field/,
    );
    expect(inputs?.[1]).not.toContain('condor2Strikes');
    expect(plan).toMatch(/<code>chain<\/code> \(optional\):[^<]*<br \/>[^<]*whatever the inputs' spx/);
    // the detail is the page's alone, not a part of the metadata Excel reads
    expect(JSON.stringify(functions)).not.toMatch(/@detail|condor2Strikes/);
  });

  it('offers an optional headers argument, last, on the functions that spill unlabelled rows', () => {
    const byId = new Map(functions.map((f) => [f.id, f]));
    for (const id of ['SPLIT', 'TAILSIZE', 'STRESSFUTURE', 'SURFACE']) {
      const last = byId.get(id)?.parameters.at(-1);
      expect(last, id).toMatchObject({ name: 'headers', optional: true, type: 'any' });
      expect(last?.description).toContain('TRUE');
    }
    // Labelled spills need none.
    for (const id of ['CURVE', 'CONDOR', 'PLAN'])
      expect(byId.get(id)?.parameters.some((p) => p.name === 'headers')).toBe(false);
  });

  it('declares every argument "any", so that an empty cell arrives empty and not as 0', () => {
    for (const f of functions) for (const p of f.parameters) expect(p.type, `${f.id}(${p.name})`).toBe('any');
  });

  it('takes series, key/value ranges and lists (events, budgets) as matrices of any cell', () => {
    const ranges = functions.flatMap((f) =>
      f.parameters.filter((p) => p.dimensionality === 'matrix').map((p) => `${f.id}.${p.name}`),
    );
    // Exactly these: a parameter Excel passes as a scalar gets one cell of a range, never the range
    // (PLAN's events and FRONTIER's budgets once were, so a range of them could not be passed).
    expect([...ranges].sort()).toEqual(
      [
        'BLACK76.future',
        'BLACK76.output',
        'BLACK76.rate',
        'BLACK76.strike',
        'BLACK76.type',
        'BLACK76.vol',
        'BLACK76.years',
        'BS.divYield',
        'BS.output',
        'ADSLOPE.advancers',
        'ADSLOPE.decliners',
        'BS.rate',
        'BS.spot',
        'BS.strike',
        'BS.type',
        'BS.vol',
        'BS.years',
        'CONDOR.strikes',
        'CONDORLOSS.strikes',
        'CURVE.expiries',
        'CURVE.futures',
        'FRONTIER.budgets',
        'FRONTIER.chain',
        'FRONTIER.inputs',
        'FRONTIER.vixChain',
        'MACD.values',
        'ORDERS.chain',
        'ORDERS.inputs',
        'ORDERS.vixChain',
        'ORDERS.positions',
        'PLAN.events',
        'PLAN.chain',
        'PLAN.inputs',
        'PLAN.vixChain',
        'REBALANCE.futures',
        'REBALANCE.lastFutures',
        'RSI.closes',
        'STRESSFUTURE.expiries',
        'STRESSFUTURE.futures',
        'STRUCTURES.chain',
        'STRUCTURES.inputs',
        'STRUCTURES.vixChain',
        'SURFACE.chain',
        'VOL.expiry',
        'VOL.strike',
        'VOL.surface',
      ].sort(),
    );
    for (const f of functions) {
      for (const p of f.parameters) if (p.dimensionality === 'matrix') expect(p.type, `${f.id}.${p.name}`).toBe('any');
    }
  });

  it('says what comes back: each description ends with the @returns text, which help.html shows', () => {
    const help = readFileSync(join(addinDist, 'help.html'), 'utf8');
    const byId = new Map(functions.map((f) => [f.id, f]));
    for (const f of functions) {
      expect(f.description, f.id).toMatch(/ Returns: \S.{10,}$/);
      expect(f.description!.length, f.id).toBeLessThanOrEqual(500);
      const returns = f.description!.slice(f.description!.lastIndexOf(' Returns: ') + ' Returns: '.length);
      const entry = help.slice(help.indexOf(`<h2 id="${f.id}">`)).split('<h2 ')[1] ?? '';
      expect(entry, f.id).toContain(
        `Returns (${f.result?.dimensionality === 'matrix' ? 'a spilled range' : 'one value'}): `,
      );
      expect(
        entry
          .replace(/&amp;/g, '&')
          .replace(/&lt;/g, '<')
          .replace(/&gt;/g, '>')
          .replace(/&quot;/g, '"'),
        f.id,
      ).toContain(returns);
    }
    // The units a trader must not mix up are in the formula helper's text.
    expect(byId.get('TAILSIZE')?.description).toContain(
      'premium (VIX points per option; ×100 is USD per contract), gain per contract (USD)',
    );
    expect(byId.get('SPLIT')?.description).toContain('calendar share first, then tail share');
    expect(byId.get('MACD')?.description).toContain('MACD, signal, histogram');
    expect(byId.get('IV')?.description).toContain('as a decimal');
    expect(byId.get('VOL')?.description).toContain('as a decimal');
    expect(byId.get('VIXVOL')?.description).toContain('as a decimal');
    expect(byId.get('VIXVOL')?.description).toContain("the plan's mark");
    expect(byId.get('CONDORLOSS')?.description).toContain('USD');
    expect(byId.get('VXEXPIRY')?.description).toContain('date serial');
    expect(byId.get('TAILEXPIRY')?.description).toContain('date serial');
  });

  it("points TAILSIZE's vols to ALVH.VIXVOL (the plan's mark at the strike), with VVIX/100 as one flat vol", () => {
    const params = functions.find((f) => f.id === 'TAILSIZE')!.parameters;
    for (const name of ['volOfVol', 'stressVolOfVol']) {
      const text = params.find((p) => p.name === name)?.description ?? '';
      expect(text, name).toContain('ALVH.VIXVOL');
      expect(text, name).toContain("the plan's mark");
      expect(text, name).toContain('VVIX/100');
    }
  });

  it("says TAILSIZE's hedge may expire on the drawdown's last day (hedgeYears equal to horizonYears is taken)", () => {
    const params = functions.find((f) => f.id === 'TAILSIZE')!.parameters;
    const text = (name: string) => params.find((p) => p.name === name)?.description ?? '';
    expect(text('hedgeYears')).toContain('at least horizonYears');
    expect(text('horizonYears')).toContain('up to hedgeYears');
    const y = 61 / 365;
    expect(() => built.get('TAILSIZE')!(30605.17, 22.7497, y, 1.1374, 35.7223, null, null, null, y)).not.toThrow();
  });

  it("says CONDOR's return on risk is per year, PLAN's events default and when OVERLAY's vegaMatch widens, as the method rules", () => {
    const byId = new Map(functions.map((f) => [f.id, f]));
    const param = (id: string, name: string) =>
      byId.get(id)?.parameters.find((p) => p.name === name)?.description ?? '';
    // the row is labelled "return on risk (per year)": the value is annualised
    expect(byId.get('CONDOR')?.description).toContain('return on risk per year');
    expect(param('PLAN', 'events')).toContain('empty: the calendar shipped with ALVH alone');
    // the split's RSI widening (method section 4): RSI below rsiWiden in a backwardation (F1 − F2
    // above flatBand) unless breadth deteriorates; vegaMatch then rises by rsiWidenFactor to its cap
    const p = DEFAULT_POLICY;
    const text = param('OVERLAY', 'vegaMatch');
    expect(text).not.toContain('fires');
    expect(text).toContain(
      `pass ${Math.min(p.vegaMatchCap, p.vegaMatch * p.rsiWidenFactor)} when the method's RSI widening applies: RSI below ${p.rsiWiden} with F1 − F2 above ${DEFAULT_CURVE_POLICY.flatBand} points (backwardation) and no A/D slope below 0`,
    );
  });

  it("says a chain table's quotes are taken at the 16:00 close of valuationDate (a table carries no time)", () => {
    const byId = new Map(functions.map((f) => [f.id, f]));
    for (const id of ['SURFACE', 'VOL']) {
      const date = byId.get(id)?.parameters.find((p) => p.name === 'valuationDate')?.description ?? '';
      expect(date, id).toContain('16:00 ET close');
    }
  });

  it('gives the unit of every Greek and says what the Greeks are at years 0 or vol 0', () => {
    const byId = new Map(functions.map((f) => [f.id, f]));
    const param = (id: string, name: string) =>
      byId.get(id)?.parameters.find((p) => p.name === name)?.description ?? '';
    for (const id of ['BS', 'BLACK76']) {
      expect(param(id, 'output'), id).toMatch(/"gamma" \(per point/);
      expect(byId.get(id)?.description, id).toContain(
        'at years 0 or vol 0 those of the discounted intrinsic value: delta a step, gamma 0, not live Greeks',
      );
    }
    expect(param('BLACK76', 'output')).toContain('"gamma" (per point of the future)');
    expect(param('VOL', 'strike')).toContain(
      "within half and twice SPX (the quotedata's Last; for a spill or a table, the nearest expiry's forward), as /api/surface takes it",
    );
    expect(param('IV', 'years')).toContain('greater than 0');
    expect(byId.get('IV')?.description).toContain('no time value over the intrinsic value');
  });
});

describe('the ranges the help states are the ones the functions take', () => {
  const closes = Array.from({ length: 120 }, (_, i) => [100 + 10 * Math.sin(i / 3)]);
  const counts = Array.from({ length: 260 }, (_, i) => [1000 + ((i * 37) % 500)]);
  const condor = [44519, 4697.96, 17.91, 44582, [[4100], [4150], [5300], [5350]]];
  const vx = [20.7994, 22.7497, 23.7091, 24.5716, 25.2, 25.4984, 25.7057, 25.875].map((x) => [x]);
  // [function, argument, the call with the argument at x, the step just beyond either end]
  const CASES: [string, string, (x: number) => unknown[], number][] = [
    ['TAILSIZE', 'volOfVol', (x) => [30605.17, 22.7497, 61 / 365, x, 35.7223], 0.01],
    [
      'TAILSIZE',
      'stressVolOfVol',
      (x) => [30605.17, 22.7497, 61 / 365, 1.1374, 35.7223, null, null, null, null, x],
      0.01,
    ],
    ['VIXVOL', 'vvix', (x) => [x, 61 / 365, 24, 22.7497], 0.01],
    ['OVERLAY', 'vegaMatch', (x) => [44519, 4697.96, 17.91, 44582, 4150, -492.64, x], 0.01],
    // futures at most 4× the spot: further is refused as a unit mistake (docs/market.md)
    ['CURVE', 'vixSpot', (x) => [43458, x, [[25.9], [23.325], [22.175]].map(([f]) => [Math.min(f!, 4 * x)])], 0.01],
    ['BS', 'vol', (x) => ['call', 100, 100, 0.5, x], 0.01],
    ['RSI', 'period', (x) => [closes, x, null, false], 1],
    ['ADSLOPE', 'lookback', (x) => [counts, counts, x], 1],
    // a loss of 0 needs no gain, so a future at either end is taken without a scenario that pays
    ['TAILSIZE', 'hedgeFuture', (x) => [0, x, 61 / 365, 1.1374, 35.7223], 0.01],
    ['TAILSIZE', 'stressedFuture', (x) => [0, 22.7497, 61 / 365, 1.1374, x], 0.01],
    ['TAILSIZE', 'coverage', (x) => [30605.17, 22.7497, 61 / 365, 1.1374, 35.7223, x], 0.01],
    ['TAILSIZE', 'rate', (x) => [30605.17, 22.7497, 61 / 365, 1.1374, 35.7223, null, null, x], 0.001],
    ['CONDOR', 'quantity', (x) => [...condor, x], 1],
    ['CONDOR', 'rate', (x) => [...condor, null, null, x], 0.001],
    ['CONDOR', 'divYield', (x) => [...condor, null, null, null, x], 0.001],
    ['CONDORLOSS', 'drawdown', (x) => [...condor, null, null, null, null, x], 0.001],
    ['CONDORLOSS', 'drawdownDays', (x) => [...condor, null, null, null, null, null, x], 1],
    ['STRESSFUTURE', 'shockKappa', (x) => [44519, 17.91, vx, 44608, null, null, null, null, x], 0.01],
    ['OVERLAY', 'backDays', (x) => [44519, 4697.96, 17.91, 44582, 4150, -492.64, null, null, x], 1],
    ['OVERLAY', 'rate', (x) => [44519, 4697.96, 17.91, 44582, 4150, -492.64, null, null, null, x], 0.001],
    ['SPLIT', 'prevSpread', (x) => [20, 22, null, x], 0.1],
    ['SPLIT', 'macdHist', (x) => [20, 22, null, null, x], 0.1],
    ['SPLIT', 'adSlope', (x) => [20, 22, null, null, null, x], 1],
  ];

  it.each(CASES)('%s(%s): both ends answer, a step beyond either is #VALUE! naming it', (id, name, args, step) => {
    const text = functions.find((f) => f.id === id)?.parameters.find((p) => p.name === name)?.description ?? '';
    // the first range in the text: "2-100", "0.04 to 5", "−0.05 to 0.2", "−100,000 to 100,000"
    const num = '([−-]?\\d[\\d,]*(?:\\.\\d+)?)';
    const range = new RegExp(`(?:from )?${num}(?: to |-)${num}`).exec(text);
    expect(range, `${id}(${name}): ${text}`).not.toBeNull();
    const read = (s: string) => Number(s.replace('−', '-').replace(/,/g, ''));
    const [lo, hi] = [read(range![1]!), read(range![2]!)];
    const fn = built.get(id)!;
    for (const x of [lo, hi]) expect(() => fn(...args(x)), `${id}(${name}) ${x}`).not.toThrow();
    for (const x of [lo - step, hi + step]) {
      const e = errorOf(() => fn(...args(Number(x.toFixed(6)))));
      expect(e.code, `${id}(${name}) ${x}`).toBe(ErrorCode.invalidValue);
      expect(e.message).toMatch(new RegExp(`^${name}: `));
    }
  });
});

describe('the pricing functions take a rate or yield above −1 and below 1, as their help says', () => {
  it.each([
    ['BS', 'rate', (x: number) => ['call', 100, 100, 0.5, 0.2, x]],
    ['BS', 'divYield', (x: number) => ['call', 100, 100, 0.5, 0.2, 0, x]],
    ['BLACK76', 'rate', (x: number) => ['call', 20, 22, 0.1, 1, x]],
    ['IV', 'divYield', (x: number) => ['call', 5, 100, 100, 0.01, 0, x]],
  ] as const)('%s(%s)', (id, name, args) => {
    const text = functions.find((f) => f.id === id)?.parameters.find((p) => p.name === name)?.description ?? '';
    expect(text).toContain('above −1 and below 1');
    const fn = built.get(id)!;
    for (const x of [-0.999, 0.999]) expect(() => fn(...args(x)), `${id}(${name}) ${x}`).not.toThrow();
    for (const x of [-1, 1]) expect(errorOf(() => fn(...args(x))).message).toMatch(new RegExp(`^${name}: `));
  });
});

describe('FRONTIER parameter help', () => {
  it("describes the default ladder as the literal rule's overlay and tail, and one set of paths for every budget", () => {
    const params = functions.find((f) => f.id === 'FRONTIER')!.parameters;
    const text = (name: string) => params.find((p) => p.name === name)!.description!;
    // the tail at the policy's tailCoverage (2.5 when the inputs set it), not always 1.8x
    expect(text('budgets')).toMatch(/the literal rule's overlay and its tail at tailCoverage \(1\.8x by default\)/);
    expect(text('paths')).not.toMatch(/per budget/);
    expect(text('paths')).toMatch(/every budget is scored on/);
    expect(text('seed')).not.toMatch(/per budget/);
  });
});
