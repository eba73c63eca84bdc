/**
 * The Surface tab's fits, apart from the page: which fit is current (a Clear, or a newer fit,
 * makes a fit still under way out of date, and its answer is dropped), the fit kept for the plan,
 * and the tab's words (the note after a fit, a failed or cancelled refit that leaves an earlier
 * fit in use, a chain error named by the form's labels, a file read). `surfaceTab.ts` gives it the
 * page through {@link SurfaceUi}.
 */
import { SurfaceDataSchema, isQuotedata, parseChain } from '@alvh/shared';
import type { ChainQuoteRow, ParsedChain } from '@alvh/shared';
import { formNumber } from '../common/planInput';
import { presentSurface } from '../common/surfaceView';
import type { SmileView, SurfaceView } from '../common/surfaceView';
import { Cancelled, RunError } from './jobs';
import type { RunHandle } from './jobs';
import type { KeptSurface } from './planExtras';

/** What the Surface tab fits: the chain parsed here, and the request that fits it (`/surface` or the worker). */
export interface ChainFit {
  chain: ParsedChain;
  request: { chain: string; valuationDate?: string; spot?: number };
}

/**
 * Parses the chain in the box for a fit, under the plan's rule for the chain's spot: quotedata is
 * dated by its stamp and keeps its own spot (its Last; the form's SPX only for a file without
 * one), so the plan moves its marks from Last to the SPX typed; a plain table carries neither,
 * and takes the form's date and SPX, read as the plan reads them ("4,298.86" is 4298.86).
 *
 * @throws AlvhError naming what is wrong with the chain
 */
export function chainToFit(text: string, formDate: string, formSpx: string): ChainFit {
  const typed = formNumber('spx', formSpx);
  const spot = typeof typed === 'number' && typed > 0 ? typed : undefined;
  const withSpot = spot === undefined ? {} : { spot };
  if (!isQuotedata(text)) {
    const options = { valuationDate: formDate.trim(), ...withSpot };
    return { chain: parseChain(text, options), request: { chain: text, ...options } };
  }
  const chain = parseChain(text);
  if (chain.spot !== null || spot === undefined) return { chain, request: { chain: text } };
  return { chain: { ...chain, spot }, request: { chain: text, spot } };
}

/** A chain fitted: its text, view and parsed chain, and whether its surface went to the plan. */
export interface Fitted {
  text: string;
  view: SurfaceView;
  chain: ParsedChain;
  /** The answer carried a fitted surface, kept for the plan (a host of an earlier version sends none). */
  kept: boolean;
}

/** What the fits do to the page. */
export interface SurfaceUi {
  note(text: string): void;
  chainError(text: string): void;
  busy(on: boolean): void;
  /** Show a fit (its smile drawn, returned), or hide the result when undefined. */
  show(fit: Fitted | undefined): SmileView | undefined;
  /** Keep a surface (and its chain's quotes) for the plan, or none. */
  keep(data: KeptSurface | undefined, quotes?: readonly ChainQuoteRow[]): void;
  /** The surface kept for the plan changed: re-plan. */
  chainChanged(): void;
  /** Write the surface sheet when inside Excel: its name, or undefined. */
  toWorkbook(view: SurfaceView, smile: SmileView | undefined): Promise<string | undefined>;
  /** The form's Date, as typed. */
  formDate(): string;
}

/** The form's labels of the request fields a plain table takes from it. */
const LABELS: Record<string, string> = { valuationDate: 'Date', spot: 'SPX' };

/** A chain message by the form's labels: "valuationDate: is missing" reads "Date: is missing". */
export function chainWords(text: string): string {
  return text.replace(/(^|\n)(valuationDate|spot)(?=[:\s])/g, (_, start: string, f: string) => start + LABELS[f]!);
}

/** A failed fit in words: the message, then the issues it does not already say, by the form's labels. */
export function fitErrorText(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  const issues = e instanceof RunError ? e.issues.map((i) => `${i.path}: ${i.message}`) : [];
  return chainWords([message, ...issues.filter((i) => !message.includes(i))].join('\n'));
}

/** What to do when the chain fitted is of another day than the form's Date ('' when it is the same day). */
export function otherDay(chainDate: string, formDate: string): string {
  if (chainDate === formDate) return '';
  return `This chain is of ${chainDate} and the form's Date is ${formDate || 'empty'}: the plan refuses a surface of another day. Set the form to the chain's day (Date, SPX, VIX, the curve), fit that day's chain, or press Clear.`;
}

/** The note after a fit: what the plan marks on now, and the sheet written. */
export function fittedNote(fit: Fitted, formDate: string, sheet: string | undefined): string {
  const other = otherDay(fit.chain.valuationDate, formDate);
  const marks = !fit.kept
    ? 'The answer carries no fitted surface (an older host): the plan still marks on the indices or VIX.'
    : other !== ''
      ? other
      : 'The plan now marks every option on this surface (market.surface): its headline says which surface it used.';
  const out = fit.view.leftOut.length;
  const left = out === 0 ? '' : ` (${out} of the chain's left out: see below)`;
  return `Fitted ${fit.view.expiries.length} expiries${left}. ${marks}${sheet ? ` Sheet "${sheet}".` : ''}`;
}

/** Said when a refit fails or is cancelled and an earlier fit stays in use ('' when none does). */
export function stillKeptNote(fit: Fitted | undefined): string {
  if (!fit?.kept) return '';
  return `The plan still marks on the chain of ${fit.chain.valuationDate} fitted earlier; press Clear to stop using it.`;
}

/** The note and chain error after a file is read into the box. */
export function fileReadWords(name: string, size: number, text: string): { note: string; error: string } {
  if (text.trim() === '')
    return {
      note: '',
      error: `${name} is empty: open a chain file (Cboe quotedata CSV, or expiry, strike, type, bid, ask).`,
    };
  return {
    note: `Read ${name} (${Math.round(size / 1024).toLocaleString('en-US')} KB): press Fit surface.`,
    error: '',
  };
}

/** The tab's fits: one runs at a time; a Clear or a newer fit drops the answer of one under way. */
export class SurfaceFits {
  private generation = 0;
  private running: RunHandle<unknown> | undefined;
  private current: Fitted | undefined;

  constructor(private readonly ui: SurfaceUi) {}

  /** The fit shown and kept (undefined: none, or cleared). */
  get fitted(): Fitted | undefined {
    return this.current;
  }

  get busy(): boolean {
    return this.running !== undefined;
  }

  /** Fit `chain` (parsed from `text`) by `handle`: show and keep it when it is still current as it ends. */
  async fit(text: string, chain: ParsedChain, handle: RunHandle<unknown>): Promise<void> {
    const generation = ++this.generation;
    const current = (): boolean => generation === this.generation;
    this.running = handle;
    this.ui.busy(true);
    try {
      const answer = await handle.result;
      if (!current()) return;
      const view = presentSurface(answer);
      // The fitted surface goes with every plan as market.surface (no refit per keystroke).
      const data = SurfaceDataSchema.safeParse((answer as { data?: unknown } | null)?.data);
      const fit: Fitted = { text, view, chain, kept: data.success };
      this.current = fit;
      this.ui.keep(data.success ? data.data : undefined, chain.quotes);
      const smile = this.ui.show(fit);
      this.ui.chainChanged();
      const sheet = await this.ui.toWorkbook(view, smile);
      if (current()) this.ui.note(fittedNote(fit, this.ui.formDate(), sheet));
    } catch (e) {
      if (!current()) return;
      const still = stillKeptNote(this.current);
      if (e instanceof Cancelled) this.ui.note(`Cancelled.${still ? ` ${still}` : ''}`);
      else {
        this.ui.note(still);
        this.ui.chainError(fitErrorText(e));
      }
    } finally {
      if (this.running === handle) {
        this.running = undefined;
        this.ui.busy(false);
      }
    }
  }

  cancel(): void {
    this.running?.cancel();
  }

  /** Stop a fit under way and drop the fit kept: the plan no longer sends a surface. The date dropped, if any. */
  clear(): string | undefined {
    this.generation++;
    const stopped = this.running !== undefined;
    this.running?.cancel();
    this.running = undefined;
    this.ui.busy(false);
    const had = this.current;
    this.current = undefined;
    this.ui.keep(undefined);
    this.ui.show(undefined);
    this.ui.chainError('');
    this.ui.note(
      had
        ? `Chain cleared${stopped ? ' and the fit stopped' : ''}: the plan no longer sends one.`
        : stopped
          ? 'Chain cleared and the fit stopped.'
          : '',
    );
    if (had) this.ui.chainChanged();
    return had?.chain.valuationDate;
  }
}
