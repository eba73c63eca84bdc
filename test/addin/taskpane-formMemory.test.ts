/**
 * The form kept across a reload (addin/src/taskpane/formMemory.ts), its parts that need no page:
 * a kept value read back whole or not at all, the note of a restored form, the stores (the
 * workbook's settings, localStorage) and saves one at a time. The page's own round trip, a reload
 * in Chromium, is in taskpaneKeptFormBrowser.test.ts.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MAX_FUTURES } from '@alvh/shared';
import {
  FORM_KEY,
  MAX_KEPT_BOX,
  browserFormStore,
  formStoreFor,
  keptFormOf,
  latestOnly,
  latestSession,
  officeFormStore,
  restoredNote,
  type KeptForm,
} from '../../addin/src/taskpane/formMemory';
import { EXAMPLE } from '../../addin/src/taskpane/example';

afterEach(() => {
  vi.unstubAllGlobals();
});

/** The example day as the page keeps it. */
function exampleKept(over: Partial<KeptForm> = {}): KeptForm {
  return {
    version: 1,
    savedAt: '2026-12-04T15:02:41.000Z',
    state: {
      fields: { ...EXAMPLE.fields },
      futures: EXAMPLE.futures,
      policy: { tailCoverage: '2' },
      events: '2025-05-07, FOMC',
      eventsMode: 'add',
      indices: { vix9d: '67.63', vix3m: '41.50', skew: '135.68' },
      signals: { rsi: '21.36' },
    },
    positions: 'VIX 2025-05-21 call 60, 5',
    vixCloses: '45.31\n52.33',
    last: { date: '2025-04-01', vix: '21.77', futures: '' },
    campaign: { campaignBudget: '1673', paidOverlay: '0', paidTail: '-250.5' },
    run: { paths: '20000', seed: '7', measure: 'risk-neutral' },
    notKept: ['the VIX option chain: paste it again on the Surface tab'],
    ...over,
  };
}

describe('keptFormOf', () => {
  it('reads back what the page kept, through JSON, unchanged', () => {
    const kept = exampleKept();
    expect(keptFormOf(JSON.parse(JSON.stringify(kept)))).toEqual(kept);
  });

  it('reads a form kept before the Campaign boxes with them blank', () => {
    const { campaign: _c, ...older } = exampleKept();
    expect(keptFormOf(JSON.parse(JSON.stringify(older)))?.campaign).toEqual({
      campaignBudget: '',
      paidOverlay: '',
      paidTail: '',
    });
  });

  it("keeps a long last rebalance's futures box whole, as it keeps the other boxes", () => {
    const futures = Array.from({ length: 200 }, (_, i) => `2025-0${(i % 9) + 1}-16, 2${i % 10}.5`).join('\n');
    expect(futures.length).toBeGreaterThan(1000);
    const kept = exampleKept({ last: { date: '2025-04-01', vix: '21.77', futures } });
    expect(keptFormOf(JSON.parse(JSON.stringify(kept)))?.last.futures).toBe(futures);
  });

  it('drops keys the page does not keep and fills the fields a value lacks with blanks', () => {
    const raw = JSON.parse(JSON.stringify(exampleKept())) as Record<string, Record<string, unknown>>;
    raw['state']!['policy'] = { tailCoverage: '2', notAPolicyField: '9' };
    raw['state']!['fields'] = { spx: '4982.77', colour: 'blue', vix: 52.33 };
    raw['state']!['indices'] = { vix9d: '67.63', vix1y: '30' };
    const got = keptFormOf(raw)!;
    expect(got.state.policy).toEqual({ tailCoverage: '2' });
    expect(got.state.fields.spx).toBe('4982.77');
    // a number where the page keeps text was not kept by this page: the field is blank, not 52.33
    expect(got.state.fields.vix).toBe('');
    expect(got.state.fields.valuationDate).toBe('');
    expect(got.state.indices).toEqual({ vix9d: '67.63' });
  });

  it('refuses a value that is not one the page kept, rather than half-restoring it', () => {
    const raw = (): Record<string, unknown> => JSON.parse(JSON.stringify(exampleKept())) as Record<string, unknown>;
    for (const [what, bad] of [
      ['another version', { ...raw(), version: 2 }],
      ['no state', { ...raw(), state: undefined }],
      ['a stamp that is no date', { ...raw(), savedAt: 'yesterday' }],
      ['a box over the limit', { ...raw(), positions: 'x'.repeat(MAX_KEPT_BOX + 1) }],
      ['a box that is not text', { ...raw(), vixCloses: [45.31] }],
      [
        'more futures than the table takes',
        {
          ...raw(),
          state: {
            ...(raw()['state'] as object),
            futures: Array.from({ length: MAX_FUTURES + 1 }, () => ({ expiry: '', price: '' })),
          },
        },
      ],
    ] as const) {
      expect(keptFormOf(bad), what).toBeUndefined();
    }
    for (const junk of [undefined, null, 'text', 42, [], { version: 1 }]) expect(keptFormOf(junk)).toBeUndefined();
  });
});

describe('restoredNote', () => {
  it("names where and when the form was kept, that its market is a past day's, and what was not kept", () => {
    expect(restoredNote(exampleKept(), 'workbook', '2026-12-05')).toBe(
      "Restored the form this workbook kept at 2026-12-04 15:02 UTC. Its market is of 2025-04-08, not of the latest session (2026-12-05): load that session's market before trading on the plan. Its positions, last rebalance and campaign are as they were then: check them before sending orders. Not kept: the VIX option chain: paste it again on the Surface tab. Example day loads the example.",
    );
  });

  it('on the day it was kept, asks to check the market is still current; with nothing left out, says nothing of it', () => {
    const said = restoredNote(
      exampleKept({
        notKept: [],
        positions: '',
        last: { date: '', vix: '', futures: '' },
        campaign: { campaignBudget: '', paidOverlay: '', paidTail: '' },
      }),
      'browser',
      '2025-04-08',
    );
    expect(said).toBe(
      'Restored the form this browser kept at 2026-12-04 15:02 UTC. Its market is of the latest session (2025-04-08) as typed then: check it is still current before trading on the plan. Example day loads the example.',
    );
  });
});

describe('latestSession', () => {
  it("is New York's latest session wherever the page runs: the day from its open, else the business day before", () => {
    // 2025-04-08 22:30 UTC: 18:30 in New York, already 2025-04-09 in Tokyo and Sydney
    expect(latestSession(new Date('2025-04-08T22:30:00Z'))).toBe('2025-04-08');
    // 09:29 and 09:30 EDT on 2025-04-09
    expect(latestSession(new Date('2025-04-09T13:29:00Z'))).toBe('2025-04-08');
    expect(latestSession(new Date('2025-04-09T13:30:00Z'))).toBe('2025-04-09');
    // Saturday 2026-12-05 07:00 EST: Friday's
    expect(latestSession(new Date('2026-12-05T12:00:00Z'))).toBe('2026-12-04');
    // Good Friday 2025-04-18 at noon EDT: the Thursday before
    expect(latestSession(new Date('2025-04-18T16:00:00Z'))).toBe('2025-04-17');
    // the Sunday DST begins (2024-03-10), 10:00 EDT: Friday's
    expect(latestSession(new Date('2024-03-10T14:00:00Z'))).toBe('2024-03-08');
  });
});

describe('the stores', () => {
  it('localStorage: kept as JSON under its key; unreadable or blocked storage keeps nothing and throws nothing', async () => {
    const bag = new Map<string, string>();
    const storage = {
      getItem: (k: string) => bag.get(k) ?? null,
      setItem: (k: string, v: string) => void bag.set(k, v),
    } as unknown as Storage;
    const store = browserFormStore(storage);
    expect(store.where).toBe('browser');
    expect(store.load()).toBeUndefined();
    await store.save(exampleKept());
    expect(keptFormOf(store.load())).toEqual(exampleKept());
    bag.set(FORM_KEY, '{not json');
    expect(store.load()).toBeUndefined();
    const blocked = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    } as unknown as Storage;
    expect(browserFormStore(blocked).load()).toBeUndefined();
    await expect(browserFormStore(blocked).save(exampleKept())).resolves.toBeUndefined();
  });

  it("the workbook's settings: set and saved with saveAsync; a failed save rejects with Office's reason", async () => {
    vi.stubGlobal('Office', { AsyncResultStatus: { Succeeded: 'succeeded', Failed: 'failed' } });
    const bag = new Map<string, unknown>();
    let fail = false;
    const settings = {
      get: (k: string) => bag.get(k),
      set: (k: string, v: unknown) => void bag.set(k, v),
      saveAsync: (cb: (r: { status: string; error?: { message: string } }) => void) =>
        cb(fail ? { status: 'failed', error: { message: 'the workbook is read-only' } } : { status: 'succeeded' }),
    } as unknown as Office.Settings;
    const store = officeFormStore(settings);
    expect(store.where).toBe('workbook');
    await store.save(exampleKept());
    expect(keptFormOf(store.load())).toEqual(exampleKept());
    fail = true;
    await expect(store.save(exampleKept())).rejects.toThrow('the workbook is read-only');
  });

  it("in Excel the workbook's settings once office.js has the document, never localStorage", () => {
    vi.stubGlobal('Office', { context: {} });
    expect(formStoreFor(true)).toBeUndefined();
    vi.stubGlobal('Office', { context: { document: { settings: { get: () => undefined } } } });
    expect(formStoreFor(true)?.where).toBe('workbook');
  });
});

describe('latestOnly', () => {
  it('saves one form at a time, and of the forms given meanwhile only the latest', async () => {
    const saved: string[] = [];
    const pending: (() => void)[] = [];
    const save = latestOnly(
      (f) =>
        new Promise<void>((resolve) => {
          saved.push(f.state.fields.spx);
          pending.push(resolve);
        }),
    );
    const form = (spx: string): KeptForm =>
      exampleKept({ state: { ...exampleKept().state, fields: { ...EXAMPLE.fields, spx } } });
    const first = save(form('1'));
    void save(form('2'));
    const last = save(form('3'));
    expect(saved).toEqual(['1']); // the others wait for it
    pending.shift()!();
    await new Promise((r) => setImmediate(r)); // every promise settled
    expect(saved).toEqual(['1', '3']);
    pending.shift()!();
    await Promise.all([first, last]);
    expect(saved).toEqual(['1', '3']);
  });

  it('goes on after a failed save', async () => {
    const saved: string[] = [];
    const save = latestOnly((f) => {
      saved.push(f.savedAt);
      return saved.length === 1 ? Promise.reject(new Error('read-only')) : Promise.resolve();
    });
    await save(exampleKept({ savedAt: 'a' }));
    await save(exampleKept({ savedAt: 'b' }));
    expect(saved).toEqual(['a', 'b']);
  });
});
