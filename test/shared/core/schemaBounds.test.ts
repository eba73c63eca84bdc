import { describe, expect, it } from 'vitest';
import {
  InputValidationError,
  MAX_CONTRACTS,
  MonteCarloInputSchema,
  PlanInputSchema,
  StressGridInputSchema,
  parseInput,
  plan,
  stressGrid,
  SurfaceDataSchema,
  type PlanInput,
} from '@alvh/shared';
import { BOOK, PLAN_INPUT } from '../../helpers/fixtures';

function issuesOf(fn: () => unknown): { path: string; message: string }[] {
  try {
    fn();
  } catch (e) {
    if (e instanceof InputValidationError) return [...e.issues];
    throw e;
  }
  throw new Error('expected an InputValidationError');
}

describe('contract counts are bounded so every dollar figure stays finite', () => {
  it('a leg of -4e303 contracts is rejected naming the leg (it would overflow the P&L)', () => {
    const book = { ...BOOK, tail: [{ ...BOOK.tail[0]!, quantity: -4e303 }] };
    const issues = issuesOf(() => parseInput(StressGridInputSchema, { book }));
    expect(issues).toEqual([
      {
        path: 'book.tail[0].quantity',
        message: `pass a signed number of contracts between -100,000 and 100,000`,
      },
    ]);
  });

  it('the bound itself is accepted and gives finite P&L', () => {
    const book = { ...BOOK, tail: [{ ...BOOK.tail[0]!, quantity: MAX_CONTRACTS }] };
    const grid = stressGrid(parseInput(StressGridInputSchema, { book, spxMoves: [-0.2], vixLevels: [80], days: [0] }));
    const total = grid.total[0]?.[0]?.[0];
    expect(Number.isFinite(total)).toBe(true);
  });

  it('a condor order over the bound is rejected', () => {
    const input = { ...PLAN_INPUT, condor: { ...PLAN_INPUT.condor, quantity: MAX_CONTRACTS + 1 } };
    expect(issuesOf(() => parseInput(PlanInputSchema, input))).toEqual([
      { path: 'condor.quantity', message: `pass a whole number of condors from 1 to 100,000` },
    ]);
  });
});

describe('a level typed as a fraction', () => {
  it('names the level it was meant to be, from the value given', () => {
    const market = {
      ...PLAN_INPUT.market,
      vix: 0.1791,
      vvix: 1.1374,
      futures: [{ ...PLAN_INPUT.market.futures[0]!, price: 0.2 }, ...PLAN_INPUT.market.futures.slice(1)],
    };
    const issues = issuesOf(() => parseInput(PlanInputSchema, { ...PLAN_INPUT, market }));
    expect(issues).toEqual(
      expect.arrayContaining([
        { path: 'market.vix', message: 'VIX is in index points: pass 17.91, not 0.1791' },
        { path: 'market.vvix', message: 'VVIX is in index points: pass 113.74, not 1.1374' },
        { path: 'market.futures[0].price', message: 'a VX future is in index points: pass 20, not 0.2' },
      ]),
    );
    const vvixIssues = (vvix: number) =>
      issuesOf(() => parseInput(PlanInputSchema, { ...PLAN_INPUT, market: { ...PLAN_INPUT.market, vvix } }));
    // 100 times 0.3 is no VVIX a market prints: the example, not 30
    expect(vvixIssues(0.3)).toEqual([{ path: 'market.vvix', message: 'VVIX is in index points: pass 95, not 0.95' }]);
    // a level already in points, below the range: the range, not a fraction's hundredfold
    for (const vvix of [5, 15]) {
      expect(vvixIssues(vvix)).toEqual([
        {
          path: 'market.vvix',
          message: `is ${vvix}, below 20; VVIX is in index points: pass a level from 20 to 400, e.g. 95`,
        },
      ]);
    }
  });
});

describe('a surface sent back is bounded where a slip would surface as another field', () => {
  const planned = plan(PLAN_INPUT);
  const withSlice = (change: (s: Record<string, unknown> & { svi: Record<string, number> }) => void) => {
    const data = JSON.parse(JSON.stringify(planned.surface.data)) as {
      slices: (Record<string, unknown> & { svi: Record<string, number> })[];
    };
    change(data.slices[0]!);
    return { ...PLAN_INPUT, market: { ...PLAN_INPUT.market, surface: data } } as unknown as PlanInput;
  };

  it('SVI a of 1e300 is named at the slice (it read as a VIX of 2.6e150), and a forward of 1e300 too', () => {
    expect(issuesOf(() => plan(withSlice((s) => (s.svi.a = 1e300))))).toEqual([
      {
        path: 'market.surface.slices[0].svi.a',
        message: 'SVI a is a total variance (vol² × years): pass a value from -100 to 100',
      },
    ]);
    expect(issuesOf(() => plan(withSlice((s) => (s.forward = 1e300))))[0]!.path).toBe(
      'market.surface.slices[0].forward',
    );
  });

  it('takes back every surface the plan makes, up to the highest VIX it takes', () => {
    for (const vix of [9, 17.5, 80, 300]) {
      const p = plan({
        ...PLAN_INPUT,
        market: { ...PLAN_INPUT.market, vix },
        policy: { ...PLAN_INPUT.policy, stressVix: 200 },
      });
      expect(SurfaceDataSchema.safeParse(p.surface.data).success, `VIX ${vix}`).toBe(true);
      expect(() =>
        plan({
          ...PLAN_INPUT,
          market: { ...PLAN_INPUT.market, vix, surface: p.surface.data },
          policy: { ...PLAN_INPUT.policy, stressVix: 200 },
        }),
      ).not.toThrow();
    }
  });
});

describe('a number sent as text', () => {
  it('is named as text to send without quotes, at its field; other text still asks for a number', () => {
    const withSpx = (spx: unknown) =>
      ({ ...PLAN_INPUT, market: { ...PLAN_INPUT.market, spx } }) as unknown as PlanInput;
    expect(issuesOf(() => plan(withSpx('6600')))).toEqual([
      { path: 'market.spx', message: 'got the text "6600": send the number without quotes' },
    ]);
    expect(issuesOf(() => plan(withSpx('six thousand')))).toEqual([{ path: 'market.spx', message: 'pass a number' }]);
  });

  it('in a whole-number field (paths, seed) too; other text still gets the range to pass', () => {
    const mc = (run: Record<string, unknown>) => () => parseInput(MonteCarloInputSchema, { book: BOOK, ...run });
    expect(issuesOf(mc({ paths: '1000', seed: '7' }))).toEqual([
      { path: 'paths', message: 'got the text "1000": send the number without quotes' },
      { path: 'seed', message: 'got the text "7": send the number without quotes' },
    ]);
    expect(issuesOf(mc({ paths: 'many' }))).toEqual([
      { path: 'paths', message: 'pass paths as a whole number from 2 to 2,000,000' },
    ]);
  });

  it('a number past a double (JSON 1e400, read as Infinity) is named as such, not as something other than a number', () => {
    const withSpx = (spx: unknown) =>
      ({ ...PLAN_INPUT, market: { ...PLAN_INPUT.market, spx } }) as unknown as PlanInput;
    expect(issuesOf(() => plan(withSpx(JSON.parse('1e400'))))).toEqual([
      {
        path: 'market.spx',
        message: 'got a number beyond 1.8e308 (the largest a double holds, as 1e400 is read): pass a finite number',
      },
    ]);
    expect(issuesOf(() => plan(withSpx(-Infinity)))[0]!.message).toMatch(/^got a number beyond −1\.8e308 /);
  });
});

describe('a whole-number field quotes a value it refuses as sent', () => {
  const mc = (run: Record<string, unknown>) => () => parseInput(MonteCarloInputSchema, { book: BOOK, ...run });
  it('not rounded to the whole number it would then accept (5.0000000001 is no 5, 1e-12 no 0)', () => {
    expect(issuesOf(mc({ horizonDays: 5.0000000001 }))).toEqual([
      { path: 'horizonDays', message: 'is 5.0000000001; pass horizonDays as a whole number from 1 to 730' },
    ]);
    expect(issuesOf(mc({ horizonDays: 1e-12 }))).toEqual([
      { path: 'horizonDays', message: 'is 1e-12; pass horizonDays as a whole number from 1 to 730' },
    ]);
    expect(issuesOf(mc({ paths: 1234567.00000001 }))[0]?.message).toBe(
      'is 1,234,567.00000001; pass paths as a whole number from 2 to 2,000,000',
    );
    const days = issuesOf(() => parseInput(StressGridInputSchema, { book: BOOK, days: [7.0000001] }));
    expect(days).toEqual([{ path: 'days[0]', message: 'is 7.0000001; pass days as a whole number from 0 to 3,650' }]);
  });

  it('short values keep their grouped, six-decimal form', () => {
    expect(issuesOf(mc({ paths: 2.5 }))[0]?.message).toMatch(/^is 2\.5; /);
    expect(issuesOf(mc({ seed: 5e9 }))[0]?.message).toMatch(/^is 5,000,000,000; /);
    expect(issuesOf(mc({ paths: 1e16 }))[0]?.message).toMatch(/^is 1e\+16; /);
  });
});
