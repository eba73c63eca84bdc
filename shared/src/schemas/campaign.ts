/**
 * The condor's hedge campaign a plan input carries from the plan before (method/planCampaign.ts),
 * and the dollar bound of a capital or a budget.
 */
import { z } from 'zod';
import { finiteNumber, nonNegativeNumber } from './common';

/** Largest capital or budget taken, USD: above it a number is a slip (a 1e308 account sized 2.8e302 condors). */
export const MAX_ACCOUNT_USD = 1e12;

/** A campaign's dollars: a budget or a layer's net premium paid, at most 1e12 in size. */
const campaignUsd = (what: string) =>
  finiteNumber.min(-MAX_ACCOUNT_USD, { error: `pass ${what} in USD, at least -1e12` }).max(MAX_ACCOUNT_USD, {
    error: `pass ${what} in USD, at most 1e12`,
  });

/**
 * The condor's hedge campaign, carried from one plan to the next (the plan's own `campaign`): the
 * budget B set at its entry for its whole life, and the net premium each layer has paid since
 * (buys − sales). With positions, a re-size spends each layer's share of B less what it has paid,
 * plus what its legs held would fetch, as the replay and the Monte Carlo do (docs/method.md, "The
 * budget at a re-sizing").
 */
export const CampaignSchema = z
  .strictObject({
    budget: nonNegativeNumber
      .max(MAX_ACCOUNT_USD, { error: "pass the hedge budget set at the condor's entry in USD, at most 1e12" })
      .describe("the hedge budget B set at the condor's entry, for its whole life, USD (the plan's campaign.budget)"),
    paid: z
      .strictObject({
        overlay: campaignUsd("the overlay's net premium paid").describe(
          'net premium the overlay has paid since the entry (buys − sales), USD; negative when its sales brought in more',
        ),
        tail: campaignUsd("the tail's net premium paid").describe(
          'net premium the tail has paid since the entry (buys − sales), USD; negative when its sales brought in more',
        ),
      })
      .describe("what each layer has paid since the entry (the plan's campaign.paid after the orders it sent)"),
    // the plan's campaign passes back as it came: where its budget was set is not read
    budgetFrom: z
      .enum(['campaign', 'set today'], {
        error: 'pass "campaign" or "set today" as the plan handed it back, or leave it out',
      })
      .optional()
      .describe("as the plan's campaign.budgetFrom; not read"),
  })
  .describe(
    "the condor's hedge campaign from the plan before: the budget set at its entry and the net premium each layer has paid; read with positions",
  );
