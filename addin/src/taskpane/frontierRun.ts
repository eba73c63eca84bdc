/**
 * The Frontier button: posts the current plan input to the cloud's `POST <url>/frontier` (the
 * budget frontier runs one set of Monte Carlo paths that every budget is scored on, on the host's worker pool; the note shows the
 * progress the host streams), or with no URL set runs the shared `frontier()` in the page's Web
 * Worker (the same answer for the same input and seed), reads the answer
 * with the one parser of its shape (`parseFrontier`), and draws the chart and table; inside Excel,
 * a sheet. A 404 is named in the note: the API without the route yet, or a URL that is not the API's.
 */
import { frontierPathLimit, type FrontierPathLimit } from '@alvh/shared';
import { parseFrontier } from '../common/frontierViews';
import { Cancelled, RunError, fromHost, postStreamed, routeUrl, runInWorker } from './jobs';
import { vixClosesBox } from './form';
import { renderFrontier } from './hedgeRender';
import { paneNotes } from './issueWords';
import { byId, showError } from './render';
import { markRunField, runningNote, setBusy, withErrorInNote } from './runBar';
import { sheetIfCurrent, versionOf } from './staleness';
import { placeOf, type Settings } from './settings';
import { writeFrontierSheet } from './workbookViews';
import type { WorkbookOptions } from './workbook';

export interface FrontierHost {
  settings(): Settings;
  /** The validated plan input, planned first as for the other runs, or undefined after the page showed what to fix. */
  planInput(): unknown;
  /** Monte Carlo paths, seed and measure from the Monte Carlo fields, or undefined after showing what to fix. */
  pathsAndSeed(): RunFields | undefined;
  toWorkbook(write: (ctx: Excel.RequestContext, opts: WorkbookOptions) => Promise<string>): Promise<string | undefined>;
  /** Whether the page is in Excel, where a current result goes to a sheet. */
  inExcel(): boolean;
  /** A rejected request's issues, shown at their fields as the other runs do. */
  reportError(e: unknown): void;
  /** The page's Web Worker script (mcWorker.js): where the frontier runs with no URL set. */
  workerUrl: string;
}

/** The Monte Carlo fields a run reads: paths, seed and the measure of the paths. */
export interface RunFields {
  paths: number;
  seed: number;
  measure: 'real-world' | 'risk-neutral';
}

/** The request body: the plan input and the Monte Carlo's paths, seed and measure (as /api/montecarlo takes them). */
export function frontierRequest(planInput: unknown, run: RunFields): Record<string, unknown> {
  return { plan: planInput, paths: run.paths, seed: run.seed, measure: run.measure };
}

/**
 * What to say when `body` asks for more paths than one frontier run of it runs (the shared
 * package's limit: its horizon and legs, and the search of its mixes, whatever the host), or
 * undefined when the paths fit (or the input is refused for another reason, which the run then
 * reports at its field).
 */
export function frontierPathsProblem(body: unknown, paths: number): string | undefined {
  let limit: FrontierPathLimit;
  try {
    limit = frontierPathLimit(body);
  } catch {
    return undefined;
  }
  if (paths <= limit.mostPaths) return undefined;
  const most = limit.mostPaths.toLocaleString('en-US');
  const why =
    limit.bound === 'search'
      ? "the search for each budget's best mix of hedges, up to the full hedge's cost, scores every mix on each path where SPX falls"
      : `its ${limit.horizonDays} days to expiry, each day of each path pricing the condor and every hedge`;
  return `Frontier: at most ${most} paths for this condor (${why}); lower the paths to ${most} or fewer.`;
}

/**
 * The page's words for a frontier refused because its default ladder of budgets is empty (the
 * shared message names `budgets`, an input of the API the page does not have): why there is nothing
 * to chart and what to change in the form; undefined for any other error.
 */
export function frontierFailureWords(e: unknown): string | undefined {
  const said = e instanceof Error ? e.message : String(e);
  if (!/\bbudgets: .*there is no default ladder/.test(said)) return undefined;
  const head = 'Frontier: nothing to chart.';
  if (/no loss to cover/.test(said))
    return `${head} The drawdown scenario leaves this book no loss to cover, so the literal rule's hedge costs nothing and there is no range of budgets to score. To chart one, choose a later condor Expiry, or in Policy a larger Drawdown or fewer Drawdown days.`;
  return `${head} No tail structure can cover the drawdown loss, so the literal rule's hedge has no cost to set the range of budgets by: the tail structures under the plan say why each cannot cover.`;
}

let controller: AbortController | undefined;

/**
 * Where the frontier's model starts: today's VIX alone, as the frontier input takes no VIX history;
 * with closes in the box (which the Monte Carlo reads) the title says the frontier did not read them.
 */
export function frontierStart(closesText: string): string {
  const alone = "model started from today's VIX alone";
  return closesText.trim() === '' ? alone : `${alone} (the frontier does not read the recent VIX closes)`;
}

function note(text: string): void {
  byId('frontier-note').textContent = text;
}

/** Start the frontier where it runs: the cloud (progress streamed by the host) or the Web Worker. */
function start(
  host: FrontierHost,
  body: unknown,
  signal: AbortSignal,
  progress: (done: number, total: number) => void,
): Promise<unknown> {
  const settings = host.settings();
  if (settings.endpoint !== '') return postStreamed(settings, 'frontier', body, signal, progress);
  const local = runInWorker(host.workerUrl, { job: 'frontier', input: body }, progress);
  signal.addEventListener('abort', () => local.cancel(), { once: true });
  return local.result;
}

/**
 * The note for a 404 from `POST <endpoint>/frontier`. With the API's problem document the host is
 * the API, older than the route; without one (Azure's empty 404 for a path outside its routes, or
 * another host's page) it may be an API older than the route or a URL that is not the API's.
 */
export function notOffered(settings: Settings, fromApi: boolean): string {
  const at = routeUrl(settings, 'frontier');
  const here = 'or clear the URL in Settings to run it here';
  return fromApi
    ? `${new URL(settings.endpoint).host} does not offer the frontier (POST /frontier answered 404): update the API, ${here}.`
    : `Nothing answered at ${at} (404): check the URL in Settings (the API's routes are under /api), update the API if it predates the frontier, ${here}.`;
}

/** The Frontier button: true when the run failed and said why in the error box. */
export async function runFrontier(host: FrontierHost): Promise<boolean> {
  if (controller) return false;
  showError(''); // a message left by an earlier run is not this run's
  const settings = host.settings();
  const input = host.planInput();
  if (input === undefined) return true;
  const ps = host.pathsAndSeed();
  if (ps === undefined) return true;
  const body = frontierRequest(input, ps);
  const closesText = vixClosesBox().value;
  const tooMany = frontierPathsProblem(body, ps.paths);
  if (tooMany !== undefined) {
    note(tooMany);
    markRunField('paths', tooMany);
    document.querySelector<HTMLInputElement>('input[name="paths"]')?.focus();
    return false;
  }
  controller = new AbortController();
  const version = versionOf('frontier-result');
  const run = byId<HTMLButtonElement>('run-frontier');
  const cancel = byId('cancel-frontier');
  setBusy(run, cancel, true);
  const place = placeOf(settings);
  const where = `Running ${ps.paths.toLocaleString('en-US')} paths ${place}…`;
  note(where);
  // On the cloud the note counts the seconds, so a host that streams nothing is seen to keep it waiting.
  const cloud = settings.endpoint !== '';
  const started = performance.now();
  let share: { done: number; total: number } | undefined;
  const show = (): void => {
    note(runningNote(where, share, cloud ? performance.now() - started : undefined));
  };
  const progress = (done: number, total: number): void => {
    share = { done, total };
    show();
  };
  const ticker = cloud ? setInterval(show, 1000) : undefined;
  try {
    const answer = await start(host, body, controller.signal, progress);
    clearInterval(ticker);
    const read = (): ReturnType<typeof parseFrontier> => parseFrontier(answer);
    const view = paneNotes(cloud ? fromHost(routeUrl(settings, 'frontier'), read) : read());
    const startWords = frontierStart(closesText);
    renderFrontier(view, startWords);
    const sheet = await sheetIfCurrent('frontier-result', version, host.inExcel(), () =>
      host.toWorkbook((ctx, opts) => writeFrontierSheet(ctx, view, opts, startWords)),
    );
    note(`${view.points.length} budgets ${place}${sheet}`);
  } catch (e) {
    if (controller.signal.aborted || e instanceof Cancelled) note('Cancelled.');
    else if (e instanceof RunError && e.status === 404) note(notOffered(settings, e.problem));
    else {
      note('');
      const words = frontierFailureWords(e);
      if (words === undefined) host.reportError(e);
      else showError(words);
      return true;
    }
  } finally {
    clearInterval(ticker);
    controller = undefined;
    setBusy(run, cancel, false);
  }
  return false;
}

export function wireFrontier(host: FrontierHost): void {
  byId('run-frontier').addEventListener(
    'click',
    () => void withErrorInNote(byId('frontier-note'), () => runFrontier(host)),
  );
  byId('cancel-frontier').addEventListener('click', () => controller?.abort());
}
