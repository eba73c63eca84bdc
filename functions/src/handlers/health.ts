/** GET /api/health: liveness for load balancers and the taskpane's connection check. Anonymous. */
import type { HttpResponseInit } from '@azure/functions';
import { jsonResponse } from '../http/route';

export interface Health {
  status: 'ok';
  service: 'alvh';
  version: string;
  /** Server time, ISO 8601 UTC. */
  time: string;
  node: string;
}

export function healthResponse(version: string): HttpResponseInit {
  const body: Health = {
    status: 'ok',
    service: 'alvh',
    version,
    time: new Date().toISOString(),
    node: process.version,
  };
  return jsonResponse(body);
}
