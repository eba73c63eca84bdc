import { readFileSync, writeFileSync } from 'node:fs';
import { fitChainSurface, parseQuotedata } from '@alvh/shared';
const files = ['cboe_spx_quotedata_2022-02-04__Luca-Castelli.csv', 'cboe_spx_quotedata_2023-06-09__AyourElwazani97.csv'];
const out = files.map((f) => { const fit = fitChainSurface(parseQuotedata(readFileSync(`../shared/data/${f}`, 'utf8'))); return fit.slices.map((s) => [s.expiry, s.svi, s.rmseVolPts, s.insideSpreadPct]); });
writeFileSync(process.argv[2]!, JSON.stringify(out));
