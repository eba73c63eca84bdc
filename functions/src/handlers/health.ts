/**
 * GET /api/health: liveness for load balancers and the taskpane's connection check. Anonymous.
 * Reports the compute pool's load; `status` is "degraded" while the pool cannot take another heavy
 * run (as many runs in progress as it takes: one per thread and the queue), "ok" otherwise. Always 200 while the host answers.
 */
import type { HttpResponseInit } from '@azure/functions';
import { computeStats } from '../compute';
import { poolFull } from '../compute/pool';
import { jsonResponse } from '../http/route';

export interface Health {
  status: 'ok' | 'degraded';
  service: 'alvh';
  version: string;
  /** Server time, ISO 8601 UTC. */
  time: string;
  pool: { threads: number; busy: number; queued: number };
}

export function healthResponse(version: string): HttpResponseInit {
  const s = computeStats();
  const full = poolFull(s);
  const body: Health = {
    status: full ? 'degraded' : 'ok',
    service: 'alvh',
    version,
    time: new Date().toISOString(),
    pool: { threads: s.threads, busy: s.busy, queued: s.queued },
  };
  return jsonResponse(body);
}
