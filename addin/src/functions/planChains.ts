/**
 * The option chains ALVH.PLAN, ORDERS, STRUCTURES and FRONTIER take after their own arguments
 * (method Section 2b): `chain`, the SPX chain the plan's SPX surface is fitted to (its marks, and
 * the orders' bid and ask), and `vixChain`, the VIX chain whose fit marks the VIX options in place
 * of the VVIX rule. They are the API's `market.chain` and `market.vixChain`, read from the range as
 * ALVH.SURFACE reads its chain: a table under a header row naming expiry, strike, type, bid, ask
 * (a VIX table also root: VIX or VIXW), dated by the inputs' date row; or one cell of quotedata
 * text, dated by its stamp, which must be the inputs' date. `chain` may also be the ALVH.SURFACE
 * spill of the day's chain, the API's `market.surface`: a chain's fit is kept while its text, date,
 * SPX and VIX stay the same (surface/fitCache.ts), but a change of the inputs' SPX or VIX fits a
 * table again (1.3 s for a whole SPXW listing), where the spill is read in milliseconds, with the
 * same marks.
 */
import { AlvhError, MAX_MARKET_CHAIN_ROWS, MAX_MARKET_VIX_CHAIN_ROWS, invalidInput, isAlvhError } from '@alvh/shared';
import { isOmitted } from './args';
import { chainText, checkChainLayout } from './surface';
import { spillData, spillSurface, spillValues } from './surfaceSpill';

/** The Excel argument of each market field a chain fills. */
const CHAIN_ARGUMENTS = { chain: 'chain', vixChain: 'vixChain', surface: 'chain' } as const;

/** The plan's market fields and their limits of quote rows, as the API holds them. */
const CHAIN_ROWS = { chain: MAX_MARKET_CHAIN_ROWS, vixChain: MAX_MARKET_VIX_CHAIN_ROWS } as const;

/**
 * Adds the chains given to the raw plan input's market (`raw.market.chain`, `raw.market.vixChain`);
 * an argument left out (or a range of empty cells) adds nothing. A range is refused here, naming
 * its cell, for what the text would hide: a quote cell that is no number, over the row limit, no
 * header naming the columns, semicolons for commas.
 */
export function addChains(raw: Record<string, unknown>, chain: unknown, vixChain: unknown): void {
  const market = raw['market'];
  if (typeof market !== 'object' || market === null) return;
  for (const [field, arg] of [
    ['chain', chain],
    ['vixChain', vixChain],
  ] as const) {
    if (isOmitted(arg)) continue;
    const name = CHAIN_ARGUMENTS[field];
    // an ALVH.SURFACE spill is the SPX surface already fitted: read, not fitted again
    const spill = field === 'chain' ? spillValues(arg, name) : undefined;
    if (spill !== undefined) {
      const m = market as Record<string, unknown>;
      const spx = typeof m['spx'] === 'number' ? m['spx'] : undefined;
      const surface = spillSurface(spill, name, undefined, spx);
      const date = raw['valuationDate'];
      if (typeof date === 'string' && surface.valuationDate !== date)
        throw invalidInput(
          name,
          `is an ALVH.SURFACE spill of ${surface.valuationDate} (its first expiry less its years), not of the inputs' date ${date}`,
          "pass the SURFACE spill of the inputs' day's chain, or the chain itself",
        );
      m['surface'] = spillData(surface, name, spill);
      continue;
    }
    // A whole day's SPX chain put in the VIX chain's place is over the VIX chain's limit before
    // its roots are read: the fix names the likelier mistake too.
    const hint = field === 'vixChain' ? "; if it is the day's SPX chain, pass it as the chain argument" : '';
    const text = chainText(arg, name, CHAIN_ROWS[field], hint);
    checkChainLayout(text, name, false);
    (market as Record<string, unknown>)[field] = text;
  }
}

/**
 * A field of the plan (`market.chain line 3`, `plan.market.vixChain.expiry`) as the argument that
 * carries it (`chain line 3`, `vixChain expiry`), or undefined for any other field.
 */
function chainArgument(field: string, prefix: string): string | undefined {
  const m = new RegExp(`^${prefix.replace(/\./g, '\\.')}market\\.(vixChain|chain|surface)(?![A-Za-z])(.*)$`).exec(
    field,
  );
  if (m === null) return undefined;
  const rest = m[2]!.startsWith('.') ? ` ${m[2]!.slice(1)}` : m[2]!;
  return `${CHAIN_ARGUMENTS[m[1] as keyof typeof CHAIN_ARGUMENTS]}${rest}`;
}

/** The API's market fields the worksheet gives otherwise: its rows, or the chain arguments. */
const WORKSHEET_WORDS: Readonly<Record<string, string>> = {
  ...Object.fromEntries(Object.entries(CHAIN_ARGUMENTS).map(([field, arg]) => [field, `the ${arg} argument`])),
  spx: "the inputs' spx",
  futures: "the inputs' VX rows",
  vix: "the inputs' vix",
  vvix: "the inputs' vvix",
  rate: "the inputs' rate",
  divYield: "the inputs' divYield",
};

/**
 * Words of the plan that name the API's market fields (`market.vixChain`, `${prefix}market.spx`) in
 * the worksheet's terms ("the vixChain argument", "the inputs' spx"): the fix a cell shows speaks of
 * its arguments and rows.
 */
export function chainWords(text: string, prefix = ''): string {
  const at = prefix.replace(/\./g, '\\.');
  return text
    .replace(
      new RegExp(`(?<![\\w.])${at}market\\.(vixChain|chain|surface|spx|futures|vvix|vix|rate|divYield)(?![\\w])`, 'g'),
      (_, f: string) => WORKSHEET_WORDS[f]!,
    )
    .replace(new RegExp(`(?<![\\w.])${at}valuationDate(?![\\w])`, 'g'), "the inputs' date");
}

/**
 * The error `e` of a plan (its fields under `prefix`: "" for a plan, "plan." for the frontier's)
 * named by the chain argument it is about, or undefined when it is about no chain.
 */
export function chainArgumentError(e: unknown, prefix = ''): AlvhError | undefined {
  if (!isAlvhError(e)) return undefined;
  const field = chainArgument(e.field, prefix);
  if (field === undefined) return undefined;
  return new AlvhError(e.code, field, chainWords(e.problem, prefix), chainWords(e.fix, prefix));
}
