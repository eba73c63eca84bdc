/**
 * Test-side reader of the quantintell VX1..VX8 settlement history (see the data README): one row
 * per trading day with VIX, VX1..VX8 and the S&P 500 close. Kept small and strict on purpose: a
 * malformed line fails the test that reads it.
 */
import { readDataFile } from '../../helpers/marketData';

export const VX_HISTORY_FILE = 'quantintell_vix_futures_VX1-VX8_2007-2021.csv';

export interface VxRow {
  date: string;
  vix: number;
  /** VX1..VX8 settlements, points. */
  vx: number[];
  spx: number;
}

export function readVxHistory(): VxRow[] {
  const lines = readDataFile(VX_HISTORY_FILE).trim().split(/\r?\n/);
  const header = (lines[0] ?? '').split(',');
  if (header.slice(1).join(',') !== 'DATE,VIX,VX1,VX2,VX3,VX4,VX5,VX6,VX7,VX8,SP500') {
    throw new Error(`unexpected header in ${VX_HISTORY_FILE}: ${lines[0]}`);
  }
  return lines.slice(1).map((line, i) => {
    const c = line.split(',');
    const nums = c.slice(2, 12).map(Number);
    if (c.length !== 12 || !/^\d{4}-\d{2}-\d{2}$/.test(c[1] ?? '') || nums.some((x) => !Number.isFinite(x) || x <= 0)) {
      throw new Error(`${VX_HISTORY_FILE} line ${i + 2} is malformed: ${line}`);
    }
    return { date: c[1] as string, vix: nums[0] as number, vx: nums.slice(1, 9), spx: nums[9] as number };
  });
}
