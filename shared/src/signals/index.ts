export { rsi } from './rsi';
export { ema, macd, volOfVolExpanding } from './macd';
export { type BreadthState, adLine, breadthDeteriorating, breadthState, linearSlope } from './breadth';
export { FOMC_STATEMENT_DATES, type MarketEvent, eventsBetween, eventsWithin } from './events';
