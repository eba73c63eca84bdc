/**
 * `npm run calibrate` evaluates and reports the parameters it stores (six significant figures), and
 * writes its two files formatted as the shipped ones wherever `--out` puts them: the formatter's
 * options come from the repository, not from the output folder.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { CALIBRATED } from '@alvh/shared/calibration';
import { storedParams, writeAsShipped } from '../../scripts/calibrateOutput';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const shippedTs = resolve(repoRoot, 'shared', 'src', 'scenario', 'model', 'calibrated.ts');
const shippedDoc = resolve(repoRoot, 'docs', 'calibration.md');

describe("--out outside the repository: the calibration's files formatted as the shipped ones", () => {
  const outDir = mkdtempSync(join(tmpdir(), 'calibrate-out-'));
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it('calibrated.ts as the script writes it (JSON: double quotes, quoted keys) comes out as the shipped file', async () => {
    const shipped = readFileSync(shippedTs, 'utf8');
    const head = shipped.slice(0, shipped.indexOf('export const CALIBRATED'));
    const text = `${head}export const CALIBRATED: CalibratedModel = ${JSON.stringify(CALIBRATED, null, 2)};\n`;
    expect(text).toContain('"params"');
    const path = await writeAsShipped(text, shippedTs, outDir);
    expect(path).toBe(join(outDir, 'calibrated.ts'));
    expect(readFileSync(path, 'utf8')).toBe(shipped);
  });

  it('calibration.md comes out as the shipped report', async () => {
    const doc = readFileSync(shippedDoc, 'utf8');
    const path = await writeAsShipped(doc, shippedDoc, outDir);
    expect(path).toBe(join(outDir, 'calibration.md'));
    expect(readFileSync(path, 'utf8')).toBe(doc);
  });
});

describe('the parameters the run evaluates are the ones calibrated.ts stores', () => {
  it("six significant figures of the search's values", () => {
    const searched = {
      ...CALIBRATED.params,
      kappaFast: 7.593749876,
      bigJumpShare: 0.0659182345,
      volSlope: 0.230370499,
    };
    const stored = storedParams(searched);
    expect(stored).toEqual({ ...CALIBRATED.params, kappaFast: 7.59375, bigJumpShare: 0.0659182, volSlope: 0.23037 });
    expect(Object.keys(stored)).toEqual(Object.keys(searched));
    expect(storedParams(stored)).toEqual(stored);
  });

  it('the shipped parameters are already stored values: evaluating them is evaluating the shipped model', () => {
    expect(storedParams(CALIBRATED.params)).toEqual(CALIBRATED.params);
  });
});
