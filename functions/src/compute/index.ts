export {
  ComputePool,
  type ComputeJob,
  type ComputePoolOptions,
  type MonteCarloRunResult,
  type RunOptions,
} from './pool';
export { runJob, errorFromWire, errorToWire, type WorkerJob, type WireError } from './jobs';
