import { PlanInputSchema } from './shared/src/index';
import ex from './docs/examples/plan.json' with { type: 'json' };
const g: any = structuredClone(ex); g.valuationDate = '2027-02-01';
const r = PlanInputSchema.safeParse(g); console.log(r.success ? 'ok' : r.error.issues.map(i=>i.path.join('.')+': '+i.message));
g.valuationDate = '2026-12-21';
const r2 = PlanInputSchema.safeParse(g); console.log(r2.success ? 'ok' : r2.error.issues.map(i=>i.path.join('.')+': '+i.message));
