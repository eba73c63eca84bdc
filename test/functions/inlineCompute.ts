/**
 * A compute runner that runs jobs in-process with the shared engines, for handler tests that
 * should not depend on worker threads. Records the jobs it was given.
 */
import { runMonteCarloChunk } from '@alvh/shared';
import type { ComputeJob, ComputeRunner } from '../../functions/src/compute';

export function inlineCompute(): ComputeRunner & { jobs: ComputeJob[] } {
  const jobs: ComputeJob[] = [];
  return {
    jobs,
    run: async (job, payload) => {
      jobs.push(job);
      switch (job) {
        case 'montecarlo':
          return runMonteCarloChunk(payload);
        default:
          throw new Error(`no in-process runner for ${job}`);
      }
    },
    close: async () => {},
  };
}
