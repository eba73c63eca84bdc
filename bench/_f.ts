import { readFileSync } from 'node:fs';
import { fitChainSurface, parseQuotedata } from '@alvh/shared';
const files = ['cboe_spx_quotedata_2022-02-04__Luca-Castelli.csv', 'cboe_spx_quotedata_2023-06-09__AyourElwazani97.csv'];
const chains = files.map((f) => parseQuotedata(readFileSync(`../shared/data/${f}`, 'utf8')));
for (const c of chains) fitChainSurface(c);
const reps = Number(process.argv[2] ?? 5);
for (const [i, c] of chains.entries()) {
  const c0 = process.cpuUsage();
  for (let r = 0; r < reps; r++) fitChainSurface(c);
  const u = process.cpuUsage(c0);
  console.log(files[i], ((u.user + u.system) / 1000 / reps).toFixed(1), 'ms CPU');
}
