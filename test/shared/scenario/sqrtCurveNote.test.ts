/**
 * The square-root dynamics' VIX centres on the fitted curve, not the futures: a curve the fit
 * cannot follow (flat at VIX 1, 80 or 300: θ pinned at its bound) is said in the summary's notes
 * with the miss at the horizon, chunks merged or not; a curve it follows carries no such note.
 */
import { describe, expect, it } from 'vitest';
import { mergeMonteCarlo, runMonteCarloChunk, summarizeMonteCarlo } from '@alvh/shared';
import { BOOK } from '../../helpers/fixtures';

const flat = (vix: number) => ({ ...BOOK, vix, futures: BOOK.futures.map((f) => ({ ...f, price: vix })) });
const run = (book: typeof BOOK, dynamics: 'sqrt-legacy' | 'calibrated' = 'sqrt-legacy') =>
  summarizeMonteCarlo(
    runMonteCarloChunk({ book, paths: 400, seed: 3, horizonDays: 27, dynamics, measure: 'risk-neutral' }),
  );
const curveNote = (notes: readonly string[]) => notes.find((n) => n.startsWith("The square-root dynamics' VIX"));

describe("the square-root paths' curve against the futures", () => {
  it('a flat curve at VIX 80 or 1: the note gives the fitted curve at the horizon against the futures', () => {
    const high = run(flat(80));
    expect(high.market.vix['p50']!).toBeLessThan(70); // the paths centre on 66.6, not 80
    expect(curveNote(high.notes)).toBe(
      "The square-root dynamics' VIX follows the curve fitted to the futures in the mean (κ = 8, θ = 50 on its bound [10, 50]), " +
        'which reads 66.6 at the 27-day horizon against 80 on the listed futures (13.4 points below): ' +
        "the paths' VIX centres on that curve, not on the futures. Check the futures, fix κ or θ with policy.kappa or " +
        "policy.theta, or run dynamics 'calibrated', whose paths start from the listed futures.",
    );
    expect(curveNote(run(flat(1)).notes)).toContain(
      'θ = 10 on its bound [10, 50]), which reads 5 at the 27-day horizon against 1',
    );
    expect(curveNote(run(flat(300)).notes)).toContain('which reads 188.3 at the 27-day horizon against 300');
  });

  it('a θ fixed by the policy is named as such; merged chunks carry the same note', () => {
    const input = {
      book: flat(80),
      policy: { theta: 20 },
      paths: 40,
      seed: 3,
      horizonDays: 27,
      dynamics: 'sqrt-legacy',
    };
    const whole = summarizeMonteCarlo(runMonteCarloChunk(input));
    expect(curveNote(whole.notes)).toContain('θ = 20 fixed by policy.theta');
    const parts = [0, 20].map((firstPath) => runMonteCarloChunk({ ...input, firstPath, pathCount: 20 }));
    expect(summarizeMonteCarlo(mergeMonteCarlo(parts)).notes).toEqual(whole.notes);
  });

  it('a horizon past the last listed future is measured at that future, not on a curve held flat', () => {
    // 2012-09-11 (VIX 16.41, VX1-VX8 to 2013-04-17; the fit within 0.5 of each, θ = 50 on its bound)
    // with a condor expiring 2013-09-20: told 32.4 at 374 days against 26.7, the last future held flat
    const prices = [16.6, 18.35, 19.95, 21.25, 23.4, 24.8, 25.95, 26.7];
    const expiries = ['2012-09-19', '2012-10-17', '2012-11-21', '2012-12-19', '2013-01-16', '2013-02-13'];
    const day = {
      ...BOOK,
      valuationDate: '2012-09-11',
      spot: 1433.56,
      vix: 16.41,
      futures: [...expiries, '2013-03-20', '2013-04-17'].map((expiry, i) => ({ expiry, price: prices[i]! })),
      condor: BOOK.condor.map((l) => ({ ...l, strike: l.strike - 3650, expiry: '2013-09-20' })),
      overlay: [],
      tail: [],
    };
    const long = summarizeMonteCarlo(
      runMonteCarloChunk({ book: day, paths: 20, seed: 3, horizonDays: 374, dynamics: 'sqrt-legacy' }),
    );
    expect(curveNote(long.notes)).toBeUndefined();
    // a curve the fit misses is still noted past the last future, at that future's day
    const short = { ...flat(80), futures: flat(80).futures.slice(0, 2), tail: [] };
    const note = curveNote(
      summarizeMonteCarlo(
        runMonteCarloChunk({ book: short, paths: 20, seed: 3, horizonDays: 48, dynamics: 'sqrt-legacy' }),
      ).notes,
    );
    expect(note).toMatch(
      /which reads [\d.]+ at day 47, the last listed future's \(the 48-day horizon lies past it\), against 80 on the listed futures/,
    );
  });

  it('no note on a curve the fit follows, nor under the calibrated dynamics', () => {
    expect(curveNote(run(BOOK).notes)).toBeUndefined();
    expect(curveNote(run(flat(80), 'calibrated').notes)).toBeUndefined();
  });
});
