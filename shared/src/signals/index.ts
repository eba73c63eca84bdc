export { rsi } from './rsi';
export { ema, macd } from './macd';
export { type BreadthState, adLine, breadthState, linearSlope } from './breadth';
export { FOMC_STATEMENT_DATES, type MarketEvent, eventsBetween, eventsWithin } from './events';
