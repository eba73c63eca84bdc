import { plan } from './shared/src/index';
import ex from './docs/examples/plan.json' with { type: 'json' };
const e: any = structuredClone(ex);

e.valuationDate = '2026-11-21';
const r = plan(e); console.log(r.warnings.filter((w: string) => /Saturday|weekend|trading day/i.test(w)));
const f: any = structuredClone(ex); delete f.market.divYield;
const r2 = plan(f); console.log(r2.warnings.filter((w: string) => /yield/i.test(w)));
const g: any = structuredClone(ex); g.valuationDate = '2027-02-01';
try { plan(g); } catch (x: any) { console.log(x.field, '|', x.message); }
