/** A small ALVH book on 2024-03-01 (SPX 5100, VIX 14, a mild contango) for the scenario tests. */
export const BOOK = {
  valuationDate: '2024-03-01',
  spot: 5100,
  vix: 14,
  rate: 0.05,
  divYield: 0.014,
  volOfVol: 1.0,
  futures: [
    { expiry: '2024-03-20', price: 14.6 },
    { expiry: '2024-04-17', price: 15.4 },
    { expiry: '2024-05-22', price: 16.0 },
    { expiry: '2024-06-18', price: 16.5 },
  ],
  condor: [
    { kind: 'spx' as const, type: 'put' as const, strike: 4700, expiry: '2024-04-19', quantity: 10 },
    { kind: 'spx' as const, type: 'put' as const, strike: 4750, expiry: '2024-04-19', quantity: -10 },
    { kind: 'spx' as const, type: 'call' as const, strike: 5400, expiry: '2024-04-19', quantity: -10 },
    { kind: 'spx' as const, type: 'call' as const, strike: 5450, expiry: '2024-04-19', quantity: 10 },
  ],
  overlay: [
    { kind: 'spx' as const, type: 'put' as const, strike: 4750, expiry: '2024-04-19', quantity: -3 },
    { kind: 'spx' as const, type: 'put' as const, strike: 4750, expiry: '2024-05-17', quantity: 3 },
  ],
  tail: [{ kind: 'vix' as const, type: 'call' as const, strike: 18, expiry: '2024-05-22', quantity: 20 }],
};
