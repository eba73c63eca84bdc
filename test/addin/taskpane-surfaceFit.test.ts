/**
 * The Surface tab's fits apart from the page (addin/src/taskpane/surfaceFit.ts), on a page that
 * records what it is told: a Clear while a fit runs stops it and its answer, arriving anyway, is
 * dropped; a refit that fails or is cancelled says that the earlier fit stays in use; the note
 * after a fit of another day does not say the plan marks on it; a failed fit is said once, by the
 * form's labels; an empty file is named. Each run's answer is released by the test, never a timer.
 */
import { describe, expect, it } from 'vitest';
import { parseChain } from '@alvh/shared';
import { Cancelled, RunError, workerError } from '../../addin/src/taskpane/jobs';
import type { RunHandle } from '../../addin/src/taskpane/jobs';
import { fitSurfaceLocally } from '../../addin/src/taskpane/localRuns';
import {
  SurfaceFits,
  chainToFit,
  chainWords,
  fileReadWords,
  fitErrorText,
  type SurfaceUi,
} from '../../addin/src/taskpane/surfaceFit';
import { CROSSED_CALENDAR } from '../shared/surface/crossedCalendar';

const DAY = '2023-06-09';
const TEXT = [
  'expiry,strike,type,bid,ask',
  ...CROSSED_CALENDAR.map((r) => [r.expiry, r.strike, r.type, r.bid, r.ask].join(',')),
].join('\n');
const REQUEST = { chain: TEXT, valuationDate: DAY, spot: 4300 };
const CHAIN = parseChain(TEXT, { valuationDate: DAY, spot: 4300 });
const ANSWER = fitSurfaceLocally(REQUEST);
/** The worker's answer to a one-line crossed chain, as the page receives it. */
const BAD = workerError(
  (() => {
    try {
      fitSurfaceLocally({ chain: 'expiry,strike,type,bid,ask\n2023-07-21,4000,P,5,4', valuationDate: DAY });
    } catch (e) {
      return e;
    }
    throw new Error('the crossed chain was fitted');
  })(),
);

/** A run whose end the test decides; `cancel` only records (a worker's answer may be on its way). */
function heldRun(): RunHandle<unknown> & { cancelled: boolean; answer(v: unknown): void; fail(e: Error): void } {
  let answer!: (v: unknown) => void;
  let fail!: (e: Error) => void;
  const result = new Promise<unknown>((res, rej) => {
    answer = res;
    fail = rej;
  });
  const run = {
    result,
    cancelled: false,
    cancel: () => void (run.cancelled = true),
    answer,
    fail,
  };
  return run;
}

/** A page that records what it is told. */
function page(formDate = DAY): SurfaceUi & {
  notes: string[];
  errors: string[];
  kept: unknown;
  shown: number | undefined;
  changes: number;
  isBusy: boolean;
} {
  const ui = {
    notes: [] as string[],
    errors: [] as string[],
    kept: undefined as unknown,
    shown: undefined as number | undefined,
    changes: 0,
    isBusy: false,
    note: (t: string) => void ui.notes.push(t),
    chainError: (t: string) => void ui.errors.push(t),
    busy: (on: boolean) => void (ui.isBusy = on),
    show: (fit: { view: { expiries: unknown[] } } | undefined) => void (ui.shown = fit?.view.expiries.length),
    keep: (data: unknown) => void (ui.kept = data),
    chainChanged: () => void ui.changes++,
    toWorkbook: () => Promise.resolve(undefined),
    formDate: () => formDate,
  };
  return ui;
}

async function fitted(fits: SurfaceFits): Promise<void> {
  const run = heldRun();
  const done = fits.fit(TEXT, CHAIN, run);
  run.answer(ANSWER);
  await done;
}

describe('the Surface tab fits', () => {
  it('a fit keeps its surface for the plan and says so', async () => {
    const ui = page();
    const fits = new SurfaceFits(ui);
    await fitted(fits);
    expect(ui.kept).toBeDefined();
    expect(ui.shown).toBe(2);
    expect(ui.notes.at(-1)).toBe(
      'Fitted 2 expiries. The plan now marks every option on this surface (market.surface): its headline says which surface it used.',
    );
    expect(ui.isBusy).toBe(false);
  });

  it('Clear during a fit stops it, and its answer, arriving anyway, is dropped', async () => {
    const ui = page();
    const fits = new SurfaceFits(ui);
    const run = heldRun();
    const done = fits.fit(TEXT, CHAIN, run);
    expect(fits.busy).toBe(true);
    expect(fits.clear()).toBeUndefined();
    expect(run.cancelled).toBe(true);
    expect(fits.busy).toBe(false);
    expect(ui.isBusy).toBe(false);
    run.answer(ANSWER);
    await done;
    expect(fits.fitted).toBeUndefined();
    expect(ui.kept).toBeUndefined();
    expect(ui.shown).toBeUndefined();
    expect(ui.changes).toBe(0);
    expect(ui.notes.at(-1)).toBe('Chain cleared and the fit stopped.');
  });

  it('Clear during a refit drops the earlier fit too, and a fit started after it is not undone by the old one', async () => {
    const ui = page();
    const fits = new SurfaceFits(ui);
    await fitted(fits);
    const old = heldRun();
    const first = fits.fit(TEXT, CHAIN, old);
    expect(fits.clear()).toBe(DAY);
    expect(ui.notes.at(-1)).toBe('Chain cleared and the fit stopped: the plan no longer sends one.');
    const next = heldRun();
    const second = fits.fit(TEXT, CHAIN, next);
    old.fail(new Cancelled());
    await first;
    expect(fits.busy).toBe(true); // the old fit's end leaves the new one running
    next.answer(ANSWER);
    await second;
    expect(fits.fitted?.view.expiries).toHaveLength(2);
    expect(ui.kept).toBeDefined();
  });

  it('a refit that fails or is cancelled says the earlier fit stays in use', async () => {
    const ui = page();
    const fits = new SurfaceFits(ui);
    await fitted(fits);
    const still = `The plan still marks on the chain of ${DAY} fitted earlier; press Clear to stop using it.`;

    const failing = heldRun();
    const failed = fits.fit('bad', CHAIN, failing);
    failing.fail(new RunError(BAD.message, BAD.issues));
    await failed;
    expect(ui.notes.at(-1)).toBe(still);
    expect(ui.kept).toBeDefined();

    const cancelling = heldRun();
    const cancelled = fits.fit(TEXT, CHAIN, cancelling);
    cancelling.fail(new Cancelled());
    await cancelled;
    expect(ui.notes.at(-1)).toBe(`Cancelled. ${still}`);

    // with nothing fitted before, a cancel is only that
    const fresh = page();
    const alone = new SurfaceFits(fresh);
    const run = heldRun();
    const ended = alone.fit(TEXT, CHAIN, run);
    run.fail(new Cancelled());
    await ended;
    expect(fresh.notes.at(-1)).toBe('Cancelled.');
  });

  it('a fit of another day does not say the plan marks on it', async () => {
    const ui = page('2025-04-08');
    await fitted(new SurfaceFits(ui));
    expect(ui.notes.at(-1)).toBe(
      `Fitted 2 expiries. This chain is of ${DAY} and the form's Date is 2025-04-08: the plan refuses a surface of another day. Set the form to the chain's day (Date, SPX, VIX, the curve), fit that day's chain, or press Clear.`,
    );
  });
});

describe('the Surface tab words', () => {
  it('says a failed fit once', () => {
    const said = fitErrorText(new RunError(BAD.message, BAD.issues));
    expect(said).toBe(BAD.message);
    expect(said).toMatch(/^chain: has no usable quote/);
    // an issue the message does not say is listed under it
    expect(fitErrorText(new RunError('the cloud API answered 400', [{ path: 'chain', message: 'is empty' }]))).toBe(
      'the cloud API answered 400\nchain: is empty',
    );
  });

  it("names the form's Date and SPX, not the request's fields", () => {
    let message = '';
    try {
      parseChain('expiry,strike,type,bid,ask\n2023-07-21,4000,P,4,5', { valuationDate: '' });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(chainWords(message)).toBe(
      'Date: is missing; a plain table carries no date; pass the date of the quotes, YYYY-MM-DD',
    );
    expect(
      fitErrorText(new RunError('valuationDate: pass a date as YYYY-MM-DD', [{ path: 'spot', message: 'is 0' }])),
    ).toBe('Date: pass a date as YYYY-MM-DD\nSPX: is 0');
  });

  it('names an empty file', () => {
    expect(fileReadWords('empty.csv', 0, '')).toEqual({
      note: '',
      error: 'empty.csv is empty: open a chain file (Cboe quotedata CSV, or expiry, strike, type, bid, ask).',
    });
    expect(fileReadWords('chain.csv', 2048, 'expiry,strike\n')).toEqual({
      note: 'Read chain.csv (2 KB): press Fit surface.',
      error: '',
    });
  });
});

describe('the chain the Surface tab fits', () => {
  const quotedata = (title: string) =>
    [
      title,
      '"Date: June 9 2023, 1:40 PM EDT",Bid: 4299.5,Ask: 4300.5',
      'Expiration Date,Calls,Last Sale,Net,Bid,Ask,Volume,IV,Delta,Gamma,Open Interest,Strike,Puts,Last Sale,Net,Bid,Ask,Volume,IV,Delta,Gamma,Open Interest',
      'Fri Jul 21 2023,SPX230721C04300000,0,0,60,61,0,0,0,0,0,4300.00,SPX230721P04300000,0,0,55,56,0,0,0,0,0',
    ].join('\n');

  it("a plain table takes the form's date and its SPX as the plan reads it: grouped, 4,298.86", () => {
    for (const typed of ['4,298.86', ' 4298.86 '])
      expect(chainToFit(TEXT, ` ${DAY} `, typed)).toMatchObject({
        chain: { spot: 4298.86, valuationDate: DAY },
        request: { chain: TEXT, valuationDate: DAY, spot: 4298.86 },
      });
    // no level typed (blank, a word, a decimal comma): no spot, the fit takes the nearest forward
    for (const typed of ['', 'SPX', '4298,86', '0']) {
      const { chain, request } = chainToFit(TEXT, DAY, typed);
      expect(chain.spot).toBeNull();
      expect(request).not.toHaveProperty('spot');
    }
  });

  it("quotedata keeps its own spot, its Last, whatever SPX is typed; one without a Last takes the form's", () => {
    const text = quotedata('Standard & Poors 500 Index,Last: 4300.0098,Change: 1');
    const fit = chainToFit(text, '2023-06-12', '4,298.86');
    expect(fit.chain.spot).toBe(4300.0098);
    expect(fit.chain.valuationDate).toBe(DAY);
    expect(fit.request).toEqual({ chain: text });
    const bare = quotedata('Standard & Poors 500 Index,Change: 1');
    expect(chainToFit(bare, '', '4,298.86')).toMatchObject({
      chain: { spot: 4298.86 },
      request: { chain: bare, spot: 4298.86 },
    });
    expect(chainToFit(bare, '', '').request).toEqual({ chain: bare });
  });
});
