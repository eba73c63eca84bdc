/**
 * Entry of a compute worker thread (bundled to dist/computeWorker.cjs, CommonJS: the same code runs about a fifth faster per path than as an ES module bundle). Messages in:
 * `{ id, job, payload, cancel, json }` where `cancel` is a SharedArrayBuffer whose first Int32 the pool
 * sets to 1 to stop the unit, and `json` asks for the answer as JSON text (serialised here, off
 * the request thread). Messages out: `{ id, type: 'progress', done, total }`,
 * `{ id, type: 'result', value }` (typed arrays transferred), `{ id, type: 'error', error }`.
 */
import { parentPort } from 'node:worker_threads';
import { toJsonSafe } from '../http/jsonSafe';
import { errorToWire, runJob, type WorkerJob } from './jobs';

interface Request {
  id: number;
  job: WorkerJob;
  payload: unknown;
  cancel: SharedArrayBuffer;
  json?: boolean;
}

const port = parentPort;
if (!port) throw new Error('computeWorker must run in a worker thread');

port.on('message', (req: Request) => {
  const flag = new Int32Array(req.cancel);
  try {
    const value = runJob(req.job, req.payload, {
      onProgress: (done, total) => port.postMessage({ id: req.id, type: 'progress', done, total }),
      shouldCancel: () => Atomics.load(flag, 0) !== 0,
    });
    if (req.json) port.postMessage({ id: req.id, type: 'result', value: { json: JSON.stringify(toJsonSafe(value)) } });
    else port.postMessage({ id: req.id, type: 'result', value }, transferables(value));
  } catch (e) {
    port.postMessage({ id: req.id, type: 'error', error: errorToWire(e) });
  }
});

/** The buffers of the typed arrays inside a result object, one level down too (the Monte Carlo series). */
function transferables(value: unknown, depth = 0): ArrayBuffer[] {
  const out: ArrayBuffer[] = [];
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) {
      if (ArrayBuffer.isView(v) && v.buffer instanceof ArrayBuffer) {
        if (!out.includes(v.buffer)) out.push(v.buffer);
      } else if (depth === 0 && v && typeof v === 'object' && !Array.isArray(v)) {
        for (const b of transferables(v, 1)) if (!out.includes(b)) out.push(b);
      }
    }
  }
  return out;
}
