/** Small timing helpers shared by the benchmark modules. */

/** Run `fn` repeatedly for at least `minMs` after a warm-up; returns operations per second. */
export function opsPerSecond(fn: () => number, opsPerCall: number, minMs = 1000): { opsPerSec: number; sink: number } {
  let sink = 0;
  const warmEnd = performance.now() + Math.min(300, minMs / 3);
  while (performance.now() < warmEnd) sink += fn();
  let calls = 0;
  const t0 = performance.now();
  let t1 = t0;
  while (t1 - t0 < minMs) {
    sink += fn();
    calls++;
    t1 = performance.now();
  }
  return { opsPerSec: (calls * opsPerCall * 1000) / (t1 - t0), sink };
}

/** `12.3 M/s` style. */
export function formatRate(perSec: number, unit = '/s'): string {
  if (perSec >= 1e9) return `${(perSec / 1e9).toFixed(2)} G${unit}`;
  if (perSec >= 1e6) return `${(perSec / 1e6).toFixed(2)} M${unit}`;
  if (perSec >= 1e3) return `${(perSec / 1e3).toFixed(2)} k${unit}`;
  return `${perSec.toFixed(1)} ${unit}`;
}

export function printRow(label: string, value: string): void {
  console.log(`  ${label.padEnd(58)} ${value}`);
}

/** `34 slices (SPXW 26, SPX 8)`: how many slices a chain fit has, and of each root in order of first appearance. */
export function sliceCounts(slices: readonly { root: string }[]): string {
  const byRoot = new Map<string, number>();
  for (const s of slices) byRoot.set(s.root, (byRoot.get(s.root) ?? 0) + 1);
  const roots = [...byRoot].map(([root, n]) => `${root} ${n}`).join(', ');
  return `${slices.length} slice${slices.length === 1 ? '' : 's'} (${roots})`;
}
