/**
 * A chain slice with no far-wing quote has nothing to mark there: its `wings` figures are null,
 * not an RMSE of 0 and 0% inside the bid-ask, as the index form's fit figures are null. On
 * docs/examples/surface.json the 2023-08-18 expiry has none; 2023-07-21 has some. The result
 * schema says null, and the taskpane's view reads the expiry's far-wing share as none.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setComputeRunner } from '../../functions/src/compute';
import { presentSurface } from '../../addin/src/common/surfaceView';
import { inlineCompute } from './inlineCompute';
import { postJson } from './postJson';

beforeAll(() => setComputeRunner(inlineCompute()));
afterAll(() => setComputeRunner(undefined));

const EXAMPLE: unknown = JSON.parse(readFileSync(join('docs', 'examples', 'surface.json'), 'utf8'));

describe('far-wing figures of a slice with no far-wing quote', () => {
  it('/api/surface on the example: null RMSE and inside share where there are no wing quotes', async () => {
    const r = await postJson('surface', EXAMPLE);
    expect(r.status).toBe(200);
    const [july, august] = r.json.expiries as { expiry: string; wings: Record<string, number | null> }[];
    expect(august!.expiry).toBe('2023-08-18');
    expect(august!.wings).toEqual({ quotes: 0, rmseVolPts: null, insideSpreadPct: null });
    expect(july!.wings.quotes).toBeGreaterThan(0);
    expect(Number.isFinite(july!.wings.rmseVolPts)).toBe(true);
    expect(Number.isFinite(july!.wings.insideSpreadPct)).toBe(true);

    const view = presentSurface(r.json);
    expect(view.expiries.map((e) => e.wingInsideSpreadPct)).toEqual([july!.wings.insideSpreadPct, null]);
  });

  it('the result schema allows null for both figures', () => {
    const schemas = JSON.parse(
      readFileSync(join('functions', 'src', 'generated', 'resultSchemas.json'), 'utf8'),
    ) as Record<string, unknown>;
    const text = JSON.stringify(schemas);
    const at = text.indexOf('"wings":{"anyOf":[{"type":"object","properties":{"quotes"');
    expect(at).toBeGreaterThan(0);
    const wings = text.slice(at, text.indexOf('"required"', at));
    expect(wings).toContain('"rmseVolPts":{"type":["number","null"]}');
    expect(wings).toContain('"insideSpreadPct":{"type":["number","null"]}');
  });
});
