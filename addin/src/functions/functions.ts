/**
 * The ALVH custom functions. Each one reads its Excel arguments, calls the sizing package
 * (@alvh/shared) and shapes the answer for cells; no maths happens here. Errors go through
 * {@link excelCall}: #VALUE! with "argument: problem; fix", #N/A with the reason where the maths
 * has no answer or a series is too short, #NUM! for a result that overflows.
 *
 * Every argument is declared `unknown` (type "any" in the metadata), so that Excel hands over an
 * empty cell as empty instead of coercing it to 0: an empty required argument is an error that
 * names it, never a silent zero, and an empty optional one means its default.
 *
 * Units: prices in index points, volatility and rates as decimals (0.18, 0.05), time in years
 * ACT/365, dates as Excel dates. Greeks follow the pricing core: vega per vol point (0.01), theta
 * per calendar day, rho per 1% (0.01).
 */
export * from './pricing';
export * from './market';
export * from './signals';
export * from './hedges';
export * from './plan';
export * from './surface';
export * from './orders';
export * from './frontier';
export { withInputErrors } from './inputErrors';
