/**
 * Text in a number box of the form that is no number the form reads ("0x10", "abc", "--3"): the
 * schema would answer "pass a number", or for "0x10", which a JSON reader takes for 16, "send the
 * number without quotes", words for a request, not a form. Here each box says what to type in it.
 */
import {
  NUMBER_FIELD_PATHS,
  SIGNAL_BOXES,
  SIGNAL_NAMES,
  type FormState,
  type IndexName,
  type NumberField,
} from './formState';
import { hasDecimalComma, notNumberMessage, numberFromText } from './numbers';

/** Each number box the schema would answer so: its fix, and whether a percentage is a number there. */
const BOXES: Partial<Record<NumberField, [fix: string, percent?: true]>> = {
  spx: ['type the SPX level in index points, such as 4982.77'],
  vix: ['type VIX in its points, such as 18.5'],
  vvix: ['type VVIX in its points, such as 95'],
  rate: ['type the rate as a decimal or a percentage, such as 0.043 or 4.3%', true],
  divYield: ['type the dividend yield as a decimal or a percentage, such as 0.0135 or 1.35%', true],
  k1: ['type the strike in index points, such as 4500'],
  k2: ['type the strike in index points, such as 4500'],
  k3: ['type the strike in index points, such as 4500'],
  k4: ['type the strike in index points, such as 4500'],
  credit: ['type the credit in index points a contract, such as 5.93'],
  capital: ['type the capital in USD, such as 5000000'],
  budget: ['type the budget in USD, such as 40000'],
};

/**
 * The boxes a plan cannot go without (no default): left blank, the schema's "pass a number" would
 * say nothing of the units, so the blank gets the box's own fix as text that is no number does.
 */
const REQUIRED: readonly NumberField[] = ['spx', 'vix', 'rate', 'k1', 'k2', 'k3', 'k4', 'capital'];

/** A typical level of each Cboe index box, for its fix. */
const INDEX_EXAMPLES: Record<IndexName, string> = { vix9d: '17.5', vix3m: '21.4', vix6m: '22.6', skew: '135.68' };

/**
 * The form's number boxes whose text is no number the form reads, or blank where the plan needs a
 * number ({@link REQUIRED}), as issues at their paths with the box's own fix. Blank elsewhere, a
 * number, a decimal comma and a percentage where none belongs are not listed: the schema or their
 * own words (a decimal comma's, a percentage's) say those.
 */
export function notNumberIssues(s: FormState): { path: string; message: string }[] {
  const out: { path: string; message: string }[] = [];
  const check = (path: string, text: string | undefined, fix: string, percent = false): void => {
    const t = (text ?? '').trim();
    if (t === '' || numberFromText(t) !== undefined || hasDecimalComma(t) || (!percent && t.endsWith('%'))) return;
    out.push({ path, message: notNumberMessage(t, fix) });
  };
  for (const [field, [fix, percent]] of Object.entries(BOXES) as [NumberField, [string, true?]][]) {
    if (REQUIRED.includes(field) && (s.fields[field] ?? '').trim() === '')
      out.push({ path: NUMBER_FIELD_PATHS[field], message: `is blank; ${fix}` });
    check(NUMBER_FIELD_PATHS[field], s.fields[field], fix, percent);
  }
  s.futures.forEach((r, i) =>
    check(`market.futures[${i}].price`, r.price, 'type the VX price in VIX points, such as 19.35'),
  );
  for (const [n, example] of Object.entries(INDEX_EXAMPLES) as [IndexName, string][])
    check(`market.indices.${n}`, s.indices?.[n], `type ${n.toUpperCase()} in its points, such as ${example}`);
  for (const n of SIGNAL_NAMES)
    check(`signals.${n}`, s.signals?.[n], `type ${SIGNAL_BOXES[n].takes}, such as ${SIGNAL_BOXES[n].example}`);
  return out;
}
