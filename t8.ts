import { plan } from './shared/src/index';
import ex from './docs/examples/plan.json' with { type: 'json' };
for (const d of ['2027-02-01', '2027-01-15', '2026-12-17', '2027-01-16']) {
  const g: any = structuredClone(ex); g.valuationDate = d;
  try { plan(g); console.log(d, 'ok'); } catch (x: any) { console.log(d, x.message); }
}
