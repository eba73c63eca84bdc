export {
  ComputePool,
  type ComputeJob,
  type ComputePoolOptions,
  type MonteCarloRunResult,
  type PoolStats,
  PoolBusyError,
  JobTimeoutError,
  PoolClosedError,
  type RunOptions,
} from './pool';
export {
  runJob,
  mergeAndSummarize,
  mergeAndSummarizeFrontierParts,
  errorFromWire,
  errorToWire,
  type WorkerJob,
  type WireError,
} from './jobs';
