/**
 * The answers a benchmark checks beside its timings: a figure against a reference (another engine's
 * run, or figures pinned for a known input) and runs against each other. A timed path that gave a
 * wrong answer (e.g. one that silently dropped the policy) would otherwise run faster and pass.
 * Each check prints one line; bench/run.ts exits 1 when any failed, after printing them again.
 */

export interface BenchCheck {
  /** What was compared, e.g. `pool 100k summary = one-thread 100k run`. */
  label: string;
  ok: boolean;
  /** The figures compared, so a failure says by how much. */
  detail: string;
}

/** Figures by name, e.g. `{ 'ALVH CVaR95': 68483.37 }`. */
export type Figures = Readonly<Record<string, number>>;

/**
 * `actual` against `expected`, each named figure within `tolerance` (0: the same to the bit). A
 * figure missing from `actual`, or not a finite number, fails.
 */
export function compareFigures(label: string, actual: Figures, expected: Figures, tolerance = 0): BenchCheck {
  const parts: string[] = [];
  let ok = true;
  for (const [name, want] of Object.entries(expected)) {
    const got = actual[name];
    const fits = got !== undefined && Number.isFinite(got) && Math.abs(got - want) <= tolerance;
    if (!fits) ok = false;
    parts.push(fits ? `${name} ${String(got)}` : `${name} ${String(got)}, expected ${String(want)}`);
  }
  const within = tolerance === 0 ? 'bit for bit' : `within ${tolerance}`;
  return { label, ok, detail: `${parts.join('; ')} (${within})` };
}

/** The line a check prints: `check ok: …` or `CHECK FAILED: …`, with the figures. */
export function checkLine(c: BenchCheck): string {
  return `${c.ok ? 'check ok' : 'CHECK FAILED'}: ${c.label} — ${c.detail}`;
}

const recorded: BenchCheck[] = [];

/** Records `c` for the verdict of the run and prints its line; returns whether it passed. */
export function recordCheck(c: BenchCheck): boolean {
  recorded.push(c);
  console.log(`  ${checkLine(c)}`);
  return c.ok;
}

/** The checks recorded so far in this process. */
export function recordedChecks(): readonly BenchCheck[] {
  return recorded;
}

/**
 * The bench's verdict on its checks: exit code 0 when every one passed (or none ran), else 1 with
 * one line per failed check under a line counting them.
 */
export function benchVerdict(checks: readonly BenchCheck[]): { exitCode: 0 | 1; lines: string[] } {
  const failed = checks.filter((c) => !c.ok);
  if (failed.length === 0) {
    return { exitCode: 0, lines: checks.length === 0 ? [] : [`bench: all ${checks.length} checks passed`] };
  }
  return {
    exitCode: 1,
    lines: [
      `bench: ${failed.length} of ${checks.length} checks FAILED (the timings above are not of a right answer):`,
      ...failed.map((c) => `  ${checkLine(c)}`),
    ],
  };
}
