/** The pool's recent run times, and the Retry-After they give a client the pool turns away. */
import { retryAfterSeconds } from './poolErrors';

/** How many of the latest finished runs the mean run time is taken over. */
const RECENT_RUNS = 10;
/** The run time assumed before any run has finished, in ms. */
const DEFAULT_RUN_MS = 5_000;

export class RunTimes {
  /** Wall-clock times of the latest finished runs (first unit posted to end), ms, oldest first. */
  private readonly recent: number[] = [];

  /** A run finished after `ms`. */
  record(ms: number): void {
    this.recent.push(ms);
    if (this.recent.length > RECENT_RUNS) this.recent.shift();
  }

  /**
   * Seconds until `threads` threads have worked through `ahead` runs in progress, for a
   * Retry-After: the runs × the mean time of the latest runs ÷ the threads, 1 to 120. A fixed few
   * seconds would send clients back long before a queue of long runs has drained, to be refused
   * again.
   */
  retryAfter(ahead: number, threads: number): number {
    const n = this.recent.length;
    const perRun = n === 0 ? DEFAULT_RUN_MS : this.recent.reduce((a, b) => a + b, 0) / n;
    return retryAfterSeconds((ahead * perRun) / threads);
  }
}
