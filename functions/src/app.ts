/**
 * Azure Functions entry (Node v4 programming model; package.json `main` is dist/app.js). Registers
 * every row of the route table and nothing else. Each route also accepts the other common methods
 * so that a wrong method gets the handler's 405 problem document rather than the platform's bare
 * 404; OPTIONS is left to the platform's CORS (configure the add-in origin on the Function App).
 */
import { app } from '@azure/functions';
import { routes } from './routes';

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

for (const r of routes) {
  app.http(r.name, {
    methods: [...METHODS],
    authLevel: r.authLevel,
    route: r.route,
    handler: r.handler,
  });
}
