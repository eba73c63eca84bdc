/**
 * What a compute worker runs: one unit of work per message, on the shared package. The pool splits
 * a Monte Carlo run into `montecarlo-chunk` units; `stress` and `replay` run whole.
 */
import {
  AlvhError,
  InputValidationError,
  MonteCarloCancelled,
  replay,
  runMonteCarloChunk,
  stressGrid,
  type InputIssue,
} from '@alvh/shared';

export type WorkerJob = 'montecarlo-chunk' | 'stress' | 'replay';

export interface JobHooks {
  onProgress?: (done: number, total: number) => void;
  shouldCancel?: () => boolean;
}

/** Run one unit of work in this thread. */
export function runJob(job: WorkerJob, payload: unknown, hooks: JobHooks = {}): unknown {
  switch (job) {
    case 'montecarlo-chunk':
      return runMonteCarloChunk(payload, hooks);
    case 'stress':
      return stressGrid(payload);
    case 'replay':
      return replay(payload);
  }
}

/** An error as it crosses the thread boundary (structured clone drops classes). */
export interface WireError {
  name: string;
  message: string;
  code?: string;
  field?: string;
  problem?: string;
  fix?: string;
  issues?: InputIssue[];
  pathsDone?: number;
}

export function errorToWire(e: unknown): WireError {
  if (e instanceof InputValidationError) {
    return {
      name: e.name,
      message: e.message,
      code: e.code,
      field: e.field,
      problem: e.problem,
      fix: e.fix,
      issues: [...e.issues],
    };
  }
  if (e instanceof AlvhError)
    return { name: e.name, message: e.message, code: e.code, field: e.field, problem: e.problem, fix: e.fix };
  if (e instanceof MonteCarloCancelled) return { name: e.name, message: e.message, pathsDone: e.pathsDone };
  if (e instanceof Error) return { name: e.name, message: e.message };
  return { name: 'Error', message: String(e) };
}

/** Rebuild the error on the pool's side: AlvhError (and InputValidationError) keep their class. */
export function errorFromWire(w: WireError): Error {
  if (w.issues) return new InputValidationError(w.issues);
  if (w.code && w.field !== undefined && w.problem !== undefined && w.fix !== undefined) {
    return new AlvhError(w.code as AlvhError['code'], w.field, w.problem, w.fix);
  }
  if (w.name === 'MonteCarloCancelled') return new MonteCarloCancelled(w.pathsDone ?? 0);
  const e = new Error(w.message);
  e.name = w.name;
  return e;
}
