import { plan } from './shared/src/index';
import { PLAN_2018_12_24 } from './test/helpers/fixtures';
try { plan({ ...PLAN_2018_12_24, valuationDate: '2019-02-11' }); } catch (e: any) { console.log(e.stack.split('\n').slice(0,8).join('\n')); }
console.log(JSON.stringify(PLAN_2018_12_24).slice(0,300));
