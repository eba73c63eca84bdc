/**
 * The form's Signals boxes (RSI, MACD histogram, A/D slope, previous spread): their text to the
 * plan input's `signals`, a bad value named at its box with its fix, a range's rows read into them,
 * and the plan's warning of the split rules not applied, in the page's words.
 */
import { describe, expect, it } from 'vitest';
import { POLICY_FIELDS, PlanInputSchema, formatPath, parseInput, plan } from '@alvh/shared';
import { EXAMPLE } from '../../addin/src/taskpane/example';
import { issueTarget, planInputFromForm, typedIssues, type FormState } from '../../addin/src/common/planInput';
import { readKeyValueRange, valuesRead } from '../../addin/src/common/selection';
import { newDayOf } from '../../addin/src/common/selectionDay';
import { presentPlan } from '../../addin/src/common/present';
import { issueWords, messageWords, paneView, problemsSaid } from '../../addin/src/taskpane/issueWords';

/** The example day's form with the Signals boxes as typed. */
const form = (signals: NonNullable<FormState['signals']>, extra: Partial<FormState> = {}): FormState => ({
  fields: EXAMPLE.fields,
  futures: EXAMPLE.futures,
  policy: {},
  indices: EXAMPLE.indices,
  signals,
  ...extra,
});

/** The form's issues as the page gathers them: its own words first, then the schema's, each path as the page reads it. */
function issuesOf(s: FormState): { path: string; message: string }[] {
  const r = PlanInputSchema.safeParse(planInputFromForm(s));
  const schema = r.success ? [] : r.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message }));
  return [...typedIssues(s), ...schema];
}

/** The message the box of `path` shows (its first), in the page's words. */
const shownAt = (s: FormState, path: string): string | undefined =>
  issuesOf(s)
    .filter((i) => i.path === path)
    .map((i) => messageWords(i.message))[0];

/** The plan's warnings as the pane shows them. */
const paneWarnings = (s: FormState): string[] =>
  paneView(presentPlan(plan(parseInput(PlanInputSchema, planInputFromForm(s))), 'taskpane')).warnings;

describe('the Signals boxes → the plan input', () => {
  it('gives each box typed as signals.<name>, a number, beside your events; blank boxes are not given', () => {
    const raw = planInputFromForm(
      form(
        { rsi: ' 21.36 ', macdHist: '-1.5', adSlope: '1,250', prevSpread: '' },
        { events: '2025-04-10 CPI BLS', eventsMode: 'add' },
      ),
    );
    expect(raw['signals']).toEqual({
      rsi: 21.36,
      macdHist: -1.5,
      adSlope: 1250,
      events: [{ date: '2025-04-10', kind: 'CPI', source: 'BLS' }],
      eventsMode: 'add',
    });
    expect(planInputFromForm(form({ prevSpread: '2.5' }))['signals']).toEqual({ prevSpread: 2.5 });
    // the example day opens with the boxes blank: no signals at all
    expect(Object.values(EXAMPLE.signals).every((v) => v === '')).toBe(true);
    expect(planInputFromForm(form(EXAMPLE.signals))).not.toHaveProperty('signals');
  });

  it('the plan reads them: its signals audit row, the split rules they fire, and a warning left for the one not given', () => {
    const p = plan(
      parseInput(PlanInputSchema, planInputFromForm(form({ rsi: '21.36', macdHist: '8.16', adSlope: '250' }))),
    );
    const audit = p.audit.find((a) => a.rule === 'signals');
    expect(audit?.inputs).toMatchObject({ rsi: 21.36, macdHist: 8.16, adSlope: 250, prevSpread: 'not given' });
    expect(p.split.rsiWidened).toBe(true);
    expect(p.signals.volOfVolExpanding).toBe(true);
    const split = paneWarnings(form({ rsi: '21.36', macdHist: '8.16', adSlope: '250' })).filter((w) =>
      w.startsWith('Split rule'),
    );
    expect(split).toEqual([
      `Split rule not applied, its signal not given: the flattening (Previous spread, or the Last rebalance). With it the calendar share (${String(p.split.calendarShare)} here) can differ: pass it (the Signals box: Previous spread).`,
    ]);
  });
});

describe('a bad value in a Signals box is named at the box, with its fix', () => {
  it.each([
    ['rsi', 'abc', 'is "abc", not a number; type the RSI on its 0-100 scale, such as 35'],
    ['rsi', '35,5', 'is 35,5: write 35.5 with a decimal point'],
    ['rsi', '35%', 'is a percentage; give the RSI on its 0-100 scale without % (e.g. 35)'],
    ['rsi', '120', 'pass RSI between 0 and 100'],
    ['rsi', '0.35', 'is between 0 and 1, which looks like a fraction: pass the RSI on its 0-100 scale (35, not 0.35)'],
    ['macdHist', 'n/a', 'is "n/a", not a number; type the MACD histogram of VVIX, such as 2.3'],
    ['macdHist', '2%', 'is a percentage; give the MACD histogram of VVIX without % (e.g. 2.3)'],
    ['macdHist', '150', 'pass the MACD histogram of VVIX (or of VVIX/VIX), between −100 and 100'],
    ['adSlope', '−120', 'is "−120", not a number; type the A/D slope in issues a day, such as -120'],
    ['adSlope', '-1,5', 'is -1,5: write -1.5 with a decimal point'],
    ['adSlope', '200000', "pass the A/D line's slope in issues per day, between −100000 and 100000"],
    ['prevSpread', '2.5 pts', 'is "2.5 pts", not a number; type F1 − F2 in VIX points, such as 2.5'],
    ['prevSpread', '60', 'Previous spread is F1 − F2 in VIX points: pass a value between −50 and 50 (e.g. 2.5)'],
  ] as const)('%s "%s"', (name, text, message) => {
    const s = form({ [name]: text });
    const path = `signals.${name}`;
    expect(issueTarget(path)).toEqual({ kind: 'signal', name });
    expect(shownAt(s, path)).toBe(message);
    // the error box names the box by its label, never the path
    const said = problemsSaid(issuesOf(s));
    expect(said).toContain(`${issueWords(path)}: ${message}`);
    expect(said).not.toContain('signals.');
  });

  it.each([
    ['signals.rsi', 'RSI'],
    ['plan.signals.rsi', 'RSI'],
    ['signals.macdHist', 'MACD histogram'],
    ['signals.adSlope', 'A/D slope'],
    ['signals.prevSpread', 'Previous spread'],
  ])('an issue at %s is worded "%s"', (path, label) => {
    expect(issueTarget(path).kind).toBe('signal');
    expect(issueWords(path)).toBe(label);
    expect(messageWords(`pass ${path}, or that future's price`)).toBe(`pass ${label}, or that future's price`);
  });

  it('a signal the form has no box for (a history) is not taken for a box', () => {
    expect(issueTarget('signals.spxCloses')).toEqual({ kind: 'form' });
    expect(issueTarget('signals.rsiPeriod')).toEqual({ kind: 'form' });
  });
});

describe('Read from selection fills the Signals boxes', () => {
  it('from rows named as ALVH.PLAN names them, in any case or spacing, counted among the values read', () => {
    const got = readKeyValueRange(
      [
        ['date', '2025-04-08'],
        ['RSI', 21.36],
        ['macd hist', -1.5],
        ['AD_Slope', '250'],
        ['prevSpread', 0.3656],
      ],
      POLICY_FIELDS,
    );
    expect(got.unknownKeys).toEqual([]);
    expect(got.signals).toEqual({ rsi: '21.36', macdHist: '-1.5', adSlope: '250', prevSpread: '0.3656' });
    expect(valuesRead(got)).toBe(5);
    expect(() =>
      readKeyValueRange(
        [
          ['rsi', 30],
          ['RSI', 31],
        ],
        [],
      ),
    ).toThrow(/^RSI: gives rsi again \(the row "rsi" gives it\)/);
  });

  it("a range of another day clears the earlier day's signals it does not give, and says so", () => {
    const before = {
      state: form({ rsi: '21.36', prevSpread: '0.37' }),
      positions: '',
      vixCloses: '',
      last: { date: '', vix: '', futures: '' },
      campaign: { campaignBudget: '', paidOverlay: '', paidTail: '' },
    };
    const day = newDayOf(
      readKeyValueRange(
        [
          ['date', '2025-04-09'],
          ['prevSpread', 7.7],
        ],
        POLICY_FIELDS,
      ),
      before,
    );
    expect(day?.signals).toEqual(['rsi']);
    expect(day?.cleared).toContain('RSI');
    expect(newDayOf(readKeyValueRange([['date', '2025-04-08']], POLICY_FIELDS), before)).toBeUndefined();
  });
});

describe("the plan's warning of the split rules not applied, in the taskpane", () => {
  it('names the Signals boxes that give them, not the API fields or ALVH.PLAN rows', () => {
    const p = plan(parseInput(PlanInputSchema, planInputFromForm(form({}))));
    const split = paneWarnings(form({})).filter((w) => w.startsWith('Split rule'));
    expect(split).toEqual([
      `Split rules not applied, their signals not given: the RSI widening (RSI), its breadth check (A/D slope), the flattening (Previous spread, or the Last rebalance), the vol-of-vol tilt (MACD histogram). With them the calendar share (${String(p.split.calendarShare)} here) can differ: pass them (the Signals boxes: RSI, A/D slope, Previous spread and MACD histogram).`,
    ]);
    // ALVH.PLAN's words are its own: its rows
    expect(presentPlan(p, 'excel').warnings.join(' ')).toContain(
      '(in ALVH.PLAN, the rsi, adSlope, prevSpread and macdHist rows)',
    );
  });

  it('leaves a clause of rows that are not the signals as it is', () => {
    const text = 'pass them (in ALVH.PLAN, the lastDate and lastVix rows)';
    expect(messageWords(text)).toBe(text);
  });
});
