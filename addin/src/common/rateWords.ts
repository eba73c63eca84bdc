/**
 * A rate or fraction of the policy typed as a percentage without its % sign ("18" in Max hedge
 * cost rate, meaning 18%): the schema's "pass a number between 0 and 5" says neither 0.18 nor 18%,
 * which the box takes. Here such a box says both.
 */
import { policyRange } from '@alvh/shared';
import { numberFromText } from './numbers';

/** How a policy box of a fraction is named in its fix: a rate (a yearly figure), else a decimal. */
const kindOf = (key: string): string => (/(?:Rate|Irr)$/.test(key) ? 'a rate' : 'a decimal');

/**
 * The policy boxes among `fractions` whose text is a number above 1 or below -1, out of the field's
 * range, that read as a percentage would be in it: "is 18; a rate: type 0.18 or 18%", "is -70; a
 * decimal: type -0.7 or -70%" (the SPX/VIX correlation). A number in range
 * (1.8 in Tail coverage), a percentage and text that is no number are not listed.
 */
export function percentWithoutSignIssues(
  policy: Readonly<Record<string, string>>,
  fractions: ReadonlySet<string>,
): { path: string; message: string }[] {
  const out: { path: string; message: string }[] = [];
  for (const [key, text] of Object.entries(policy)) {
    const t = text.trim();
    const range = policyRange(key);
    const n = t.endsWith('%') ? undefined : numberFromText(t);
    // below -1 too: a correlation of -70 is -0.7 or -70%
    if (!fractions.has(key) || range === undefined || n === undefined || Math.abs(n) <= 1) continue;
    // the decimal exponent moved, as numberFromText reads "18%": 0.013 for 1.3, never 0.013000000000000001
    const fraction = Number(`${n}e-2`);
    const inRange = (x: number): boolean => x >= range.lo && x <= range.hi;
    if (inRange(n) || !inRange(fraction)) continue;
    out.push({ path: `policy.${key}`, message: `is ${n}; ${kindOf(key)}: type ${fraction} or ${n}%` });
  }
  return out;
}
