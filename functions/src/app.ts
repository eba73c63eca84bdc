/**
 * Azure Functions entry (Node v4 programming model; package.json `main` is dist/app.js). Registers
 * every row of the route table and nothing else. Each route also accepts the other common methods
 * so that a wrong method gets the handler's 405 problem document rather than the platform's bare
 * 404; OPTIONS is left to the platform's CORS (configure the add-in origin on the Function App).
 * HTTP streams are on (runtime 4.28 or later, Core Tools 4.0.5530 or later).
 */
import { app } from '@azure/functions';
import { checkConfig } from './config';
import { routes } from './routes';

// A malformed app setting (ALVH_JOB_TIMEOUT_MS=900000, ALVH_MAX_BODY_BYTES=8MB) stops the app as
// it loads, with the setting named in the log, rather than running on a default nobody chose.
checkConfig();

// Streamed answers (the heavy routes' progress, `Accept: application/x-ndjson`) pass through as
// they are written; without this the runtime would hold each answer until it ended. Must come
// before the first registration.
app.setup({ enableHttpStream: true });

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

for (const r of routes) {
  app.http(r.name, {
    methods: [...METHODS],
    authLevel: r.authLevel,
    route: r.route,
    handler: r.handler,
  });
}
