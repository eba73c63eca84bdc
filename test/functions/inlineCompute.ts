/**
 * A compute runner that runs jobs in this thread with the pool's own job function, for handler
 * tests that should not depend on worker threads. Records the jobs it was given.
 */
import type { ComputeJob, ComputeRunner } from '../../functions/src/compute';
import { runJob } from '../../functions/src/compute/index';

export function inlineCompute(): ComputeRunner & { jobs: ComputeJob[] } {
  const jobs: ComputeJob[] = [];
  return {
    jobs,
    run: async (job, payload) => {
      jobs.push(job);
      return runJob(job === 'montecarlo' ? 'montecarlo-chunk' : job === 'frontier' ? 'frontier-chunk' : job, payload);
    },
    close: async () => {},
  };
}
