/** The pool's own errors, each answered by the hosts as a 503 problem (http/problem.ts). */

/**
 * The pool holds as many runs as it takes (one per thread and the queue), or an admitted run waited
 * its longest for a thread without starting (`waitedMs`): answer 503 with Retry-After.
 */
export class PoolBusyError extends Error {
  readonly retryAfterSeconds: number;
  constructor(
    readonly maxQueued: number,
    retryAfterSeconds: number,
    /** Runs in progress when this one was refused. */
    readonly runs: number = maxQueued,
    /** Set when the run was admitted and refused after waiting this long (ms) for a thread. */
    readonly waitedMs?: number,
  ) {
    super(
      waitedMs === undefined
        ? `the compute queue is full (${runs} runs in progress); retry in ${retryAfterSeconds} s`
        : `the compute pool is busy: the run waited ${waitedMs} ms for a thread (${runs} runs in progress); retry in ${retryAfterSeconds} s`,
    );
    this.name = 'PoolBusyError';
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** Longest Retry-After the pool advises, in seconds: past it a client is better told to come back later in its own words. */
export const MAX_RETRY_AFTER_SECONDS = 120;

/** Seconds rounded up and held to 1 to {@link MAX_RETRY_AFTER_SECONDS}, for a Retry-After header. */
export function retryAfterSeconds(ms: number): number {
  return Math.max(1, Math.min(MAX_RETRY_AFTER_SECONDS, Math.ceil(ms / 1000)));
}

/**
 * A run passed its wall-clock limit, counted from its first unit's start, and its workers were
 * terminated. Its Retry-After is at least the time limit: the same run sent again would most likely
 * hold a thread that long and fail again, so a client that retries anyway is kept from doing so at
 * once; the answer's `fix` says to send less.
 */
export class JobTimeoutError extends Error {
  readonly retryAfterSeconds: number;
  constructor(
    readonly limitMs: number,
    retryAfter: number = retryAfterSeconds(limitMs),
  ) {
    super(`the computation passed its time limit of ${limitMs} ms and was stopped`);
    this.name = 'JobTimeoutError';
    this.retryAfterSeconds = retryAfter;
  }
}

/** The pool was closed (the host is shutting down): the job was not run or was cut. */
export class PoolClosedError extends Error {
  constructor() {
    super('the compute pool was closed');
    this.name = 'PoolClosedError';
  }
}
