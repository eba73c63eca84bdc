/**
 * "Read from selection" into the form: the key/value range read ({@link readKeyValueRange}), its
 * values filled in, and on a new day the earlier day's inputs it does not give cleared ({@link
 * newDayOf}), so the plan marks the range's day on that day's market as ALVH.PLAN does. Also
 * "Example day", which fills the form with the example's day in the same way.
 */
import { POLICY_FIELDS } from '@alvh/shared';
import { readKeyValueRange, unknownKeysError, valuesRead } from '../common/selection';
import { newDayOf, selectionNote } from '../common/selectionDay';
import { POLICY_SHOWN } from '../common/policyWords';
import { EXAMPLE } from './example';
import {
  clearBoxes,
  clearLastRebalance,
  fill,
  fillLastRebalance,
  input,
  positionsBox,
  readLastRebalance,
  readState,
  setCurve,
  vixClosesBox,
} from './form';
import { keptSurface } from './planExtras';
import { clearSurface } from './surfaceTab';
import { fillCampaign, readCampaign } from './campaignBoxes';

/**
 * Fill the form from a selected range's values: the note to show and the inputs it set or cleared
 * (their messages show at once).
 *
 * @throws for a range the form cannot take (an unknown key, a key given twice …): nothing is filled
 */
export function fillFromRange(values: readonly (readonly unknown[])[]): { note: string; touched: string[] } {
  const got = readKeyValueRange(values, POLICY_FIELDS);
  // A misspelled key is an error, as in the API and ALVH.PLAN: nothing is filled from the range.
  if (got.unknownKeys.length > 0) throw unknownKeysError(got.unknownKeys);
  const day = newDayOf(got, {
    state: readState(),
    positions: positionsBox().value,
    vixCloses: vixClosesBox().value,
    last: readLastRebalance(),
    campaign: readCampaign(),
    ...(keptSurface() === undefined ? {} : { surfaceDate: keptSurface()!.valuationDate }),
  });
  const touched: string[] = [];
  if (day !== undefined) {
    for (const f of day.fields) input(f).value = '';
    for (const n of day.indices) input(`index.${n}`).value = '';
    for (const n of day.signals) input(`signal.${n}`).value = '';
    if (day.futures) setCurve([]);
    if (day.surface) clearSurface();
    if (day.last) clearLastRebalance();
    touched.push(
      ...day.fields,
      ...day.indices.map((n) => `index.${n}`),
      ...day.signals.map((n) => `signal.${n}`),
      ...(day.futures ? ['futures'] : []),
    );
  }
  fill(got.fields, got.futures, got.policy, got.indices, got.signals);
  if (got.last) fillLastRebalance(got.last);
  if (got.campaign) fillCampaign(got.campaign);
  touched.push(...Object.keys(got.fields), ...Object.keys(got.indices).map((k) => `index.${k}`));
  touched.push(...Object.keys(got.signals).map((k) => `signal.${k}`));
  if (got.last) touched.push('lastDate', 'lastVix', 'lastFutures');
  if (got.futures) touched.push('futures');
  if (got.campaign) touched.push('campaignBudget', 'paidOverlay', 'paidTail');
  return { note: selectionNote(valuesRead(got), day), touched };
}

/**
 * Fill the form with the example day, the policy at its defaults: the note to show. The boxes of
 * another day are emptied first: positions, a last rebalance, closes and events would change the
 * example's plan, and a chain fitted on the Surface tab would be refused by it.
 */
export function fillExample(): string {
  clearBoxes();
  const dropped = clearSurface();
  fill(EXAMPLE.fields, EXAMPLE.futures, {}, EXAMPLE.indices, EXAMPLE.signals);
  for (const key of POLICY_SHOWN) {
    const c = input(`policy.${key}`);
    c.value = c.dataset['default'] ?? '';
  }
  const cleared = ` The chain of ${dropped} fitted on the Surface tab was cleared: the example is of another day.`;
  return dropped === undefined ? EXAMPLE.note : EXAMPLE.note + cleared;
}
