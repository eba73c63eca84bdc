/**
 * The package's issues in the taskpane's words: an input path by the label of the box that shows
 * it ("Short put K2", "VX 3 price", "Policy Tail coverage"), and the paths and policy field names
 * inside a message's text by the same labels, so no message reads `futures[1].expiry` or
 * `tailDteMin` where the page shows "VX 2 expiry" and "Tail DTE min".
 */
import { SIGNAL_BOXES, signalForKey } from '../common/formState';
import { issueTarget } from '../common/planInput';
import type { CampaignPart } from '../common/campaign';
import { POLICY_SHOWN, policyBoxNames, policyLabel } from '../common/policyWords';
import type { PlanView } from '../common/views';

/** The label beside the form's box `name` ("Short put K2" for k2), or undefined outside a page. */
function labelOf(name: string): string | undefined {
  if (typeof document === 'undefined') return undefined;
  const box = document.querySelector(`#plan-form [name="${name}"]`);
  return box?.closest('label')?.querySelector('span')?.firstChild?.textContent?.trim() || undefined;
}

/** The Campaign boxes as the page names them. */
const CAMPAIGN_LABELS: Readonly<Record<CampaignPart, string>> = {
  campaignBudget: 'Campaign budget',
  paidOverlay: 'Campaign paid by the overlay',
  paidTail: 'Campaign paid by the tail',
};

/** A part of the fitted surface's data as the page says it ("its date", not "its valuationDate"). */
const SURFACE_PARTS: Readonly<Record<string, string>> = { valuationDate: 'date' };

/**
 * The words a trader reads for an input path: the label beside its field ("Date", "K2", "Policy
 * Tail coverage", "VX 3 price"), never the schema's path (`condor.strikes[1]`) unless no field shows it.
 */
export function issueWords(path: string): string {
  const t = issueTarget(path);
  switch (t.kind) {
    case 'field':
      return labelOf(t.name) ?? path;
    case 'future':
      return `VX ${t.row + 1} ${t.cell}`;
    case 'futures':
      return 'VX curve';
    case 'policy':
      return `Policy ${policyLabel(t.name)}`;
    case 'index':
      return t.name.toUpperCase();
    case 'signal':
      return SIGNAL_BOXES[t.name].label;
    case 'events':
      return t.line === undefined ? 'Your events' : `Your events, line ${t.line + 1}`;
    case 'surface':
      return `The surface fitted on the Surface tab${t.part ? ` (its ${SURFACE_PARTS[t.part] ?? t.part})` : ''}`;
    case 'vixChain':
      return `The VIX chain on the Surface tab${t.part ? ` (${t.part})` : ''}`;
    case 'campaign':
      return CAMPAIGN_LABELS[t.part];
    case 'last':
      return `Last rebalance ${t.part === 'date' ? 'date' : t.part === 'vix' ? 'VIX' : `VX futures${t.row === undefined ? '' : `, future ${t.row + 1}`}`}`;
    default:
      return path;
  }
}

/**
 * The split's signals as ALVH.PLAN's rows ("in ALVH.PLAN, the rsi and macdHist rows") as the
 * page's Signals boxes ("the Signals boxes: RSI and MACD histogram"), and the last rebalance that
 * gives the previous spread as the page's entry.
 */
function signalBoxWords(text: string): string {
  return text
    .replace(/\(in ALVH\.PLAN, the ((?:\w+, )*\w+(?: and \w+)?) rows?\)/g, (all, rows: string) => {
      const names = rows.split(/, | and /);
      const signals = names.map((r) => signalForKey(r));
      if (signals.some((n, i) => n !== names[i])) return all;
      const labels = signals.map((n) => SIGNAL_BOXES[n!].label);
      const list = labels.length === 1 ? labels[0] : `${labels.slice(0, -1).join(', ')} and ${labels.at(-1)}`;
      return `(the Signals box${labels.length === 1 ? '' : 'es'}: ${list})`;
    })
    .replace(/\bsignals\.prevSpread, or lastRebalance\)/g, 'signals.prevSpread, or the Last rebalance)');
}

/**
 * A message of the package in the page's words: a policy field by its box's label, the curve
 * (`market.futures`, a field the page has as its VX curve table) as "the VX curve", the VIX chain
 * (`market.vixChain`) as "the VIX chain box", the SPX chain named as "(market.chain)" as where to fit
 * it, the split's signals ALVH.PLAN takes as rows by the Signals boxes.
 */
export function paneText(text: string): string {
  return signalBoxWords(policyBoxNames(text))
    .replace(/\bmarket\.futures\b(?!\[)/g, 'the VX curve')
    .replace(/\bmarket\.vixChain\b/g, 'the VIX chain box')
    .replace(/\(market\.chain\)/g, '(fit it on the Surface tab)');
}

/** The policy fields with a box whose names are words joined in camel case (`tailDteMin`, not `theta`). */
const CAMEL_POLICY: ReadonlySet<string> = new Set(POLICY_SHOWN.filter((k) => /[A-Z]/.test(k)));

/**
 * {@link paneText}, and the paths and names inside the text by the labels of their boxes, by
 * `words` (the page's {@link issueWords}): a curve row's `futures[1].expiry` as "VX 2 expiry", a
 * field's `market.spx` as "SPX", a signal's `signals.rsi` or `prevSpread` as "RSI" or "Previous
 * spread", a policy field named alone (`tailDteMin (70) is above
 * tailDteMax`) as its box is (Policy "Tail DTE min"); the surface fitted on the Surface tab of
 * another day is to be fitted again on the Date's day.
 */
export function messageWords(text: string, words: (path: string) => string = issueWords): string {
  return paneText(text)
    .replace(
      /(?<![\w.])(?:plan\.)?(?:market\.)?futures\[(\d+)\](?:\.(expiry|price))?/g,
      (_all, row: string, cell?: string) => `VX ${Number(row) + 1}${cell ? ` ${cell}` : ''}`,
    )
    .replace(
      /(?<![\w.])(?:plan\.)?(?:market\.indices\.[a-z0-9]+|(?:market|condor|portfolio)\.[A-Za-z]\w*(?:\[\d+\])?|signals\.[A-Za-z]+|valuationDate)(?![\w.[])/g,
      (path) => {
        const kind = issueTarget(path).kind;
        return ['field', 'index', 'signal'].includes(kind) && !/strikes$/.test(path) ? words(path) : path;
      },
    )
    .replace(/(?<![\w$]|\w\.)[a-z]+[A-Z][A-Za-z]*\b/g, (name) => {
      const signal = signalForKey(name);
      if (signal === name) return SIGNAL_BOXES[signal].label;
      return CAMEL_POLICY.has(name) ? `Policy "${policyLabel(name)}"` : name;
    })
    .replace(/\bnot the valuation date\b/g, 'not the Date')
    .replace(
      /\bpass the surface fitted on the valuation date(?: \(or the chain of that day\))?/g,
      "fit the chain of the Date's day on the Surface tab",
    );
}

/**
 * Issues in the page's words, each message once: two fields one message refuses together (SPX and
 * the strikes that disagree with it) read "SPX, K1: …", not the same words twice.
 */
export function issuesSaid(
  issues: readonly { path: string; message: string }[],
  words: (path: string) => string = issueWords,
): string {
  const byMessage = new Map<string, string[]>();
  for (const i of issues) byMessage.set(i.message, [...(byMessage.get(i.message) ?? []), words(i.path)]);
  return [...byMessage].map(([m, fields]) => `${fields.join(', ')}: ${m}`).join('; ');
}

/**
 * The problems of the inputs as the error box lists them, in the page's words: each field's first,
 * the one its box shows ("is blank; type the strike…", not also the schema's "pass a number").
 */
export function problemsSaid(issues: readonly { path: string; message: string }[]): string {
  const seen = new Set<string>();
  const first = issues.filter((i) => !seen.has(issueWords(i.path)) && seen.add(issueWords(i.path)));
  return issuesSaid(first.map((i) => ({ path: i.path, message: messageWords(i.message) })));
}

/**
 * A plan's view with its warnings in the page's words ({@link messageWords}): "priced with Div.
 * yield 0", not "market.divYield 0"; the surface the plan was sent (`market.surface`) is the chain
 * fitted on the Surface tab.
 */
export function paneView(view: PlanView): PlanView {
  const warnings = view.warnings.map((w) =>
    messageWords(w).replace(/(?<![\w.])market\.(?:surface|chain)(?![\w.])/g, 'the chain fitted on the Surface tab'),
  );
  return { ...view, warnings };
}

/** The scenario routes' note on a plan input's positions and last rebalance, which their runs do not follow. */
const HELD_BOOK =
  /^The plan input carries (plan\.positions)?(?:,? and |, )?(plan\.lastRebalance)?(?:,? and )?(plan\.campaign)?, which this (run|grid) does not follow: (.+)\. To (simulate|stress) the legs held, send them as book \(their condor, overlay and tail legs, with the market\) in place of plan\.$/;

/** The frontier's note on a plan input's positions, which it does not price in. */
const FRONTIER_POSITIONS =
  /^The plan input carries plan\.positions, which the frontier does not use: (.+); the orders from the legs held are the plan's \(\/api\/plan, ALVH\.ORDERS\)\.$/;

/** The frontier's note on a plan input's campaign, up to what it says the frontier does instead. */
const FRONTIER_CAMPAIGN = 'The plan input carries plan.campaign, which the frontier does not use';

/**
 * A run's note in the page's words: the API's note on the positions and last rebalance a run does
 * not follow names the page's boxes (Positions held, Last rebalance) and says what the page runs,
 * the plan's book, and where the legs held show, the orders under the plan; it does not ask for
 * the API's `book`, which the page has no way to send. Any other note as it is.
 */
export function paneRunNote(note: string): string {
  const frontier = FRONTIER_POSITIONS.exec(note);
  if (frontier)
    return `The frontier does not use the Positions held: ${frontier[1]!}; the orders under the plan are the ones from the legs held.`;
  if (note.startsWith(FRONTIER_CAMPAIGN))
    return `The frontier does not use the Campaign boxes${note.slice(FRONTIER_CAMPAIGN.length)}`;
  const m = HELD_BOOK.exec(note);
  if (!m) return note;
  const [, held, last, campaign, what, runs, verb] = m;
  const boxes = [held && 'the Positions held', last && 'the Last rebalance', campaign && 'the Campaign boxes'].filter(
    (b): b is string => typeof b === 'string',
  );
  const follows =
    boxes.length === 1
      ? `does not follow ${boxes[0]!}`
      : boxes.length === 2
        ? `follows neither ${boxes[0]!} nor ${boxes[1]!}`
        : `follows none of ${boxes[0]!}, ${boxes[1]!} and ${boxes[2]!}`;
  const only = `The page ${verb === 'simulate' ? 'simulates' : 'stresses'} the plan's book only`;
  return (
    `This ${what!} ${follows}: ${runs!.replace(/\bthe valuation date\b/g, 'the Date')}. ` +
    (held ? `${only}; the orders under the plan list what separates the legs held from it.` : `${only}.`)
  );
}

/** A run's view with its notes in the page's words ({@link paneRunNote}). */
export function paneNotes<V extends { notes: string[] }>(view: V): V {
  return { ...view, notes: view.notes.map(paneRunNote) };
}
