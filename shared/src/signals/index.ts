export { rsi, rsiSettledLength } from './rsi';
export { ema, macd, macdSettledLength, MACD_DEFAULTS, volOfVolExpanding } from './macd';
export { SEED_WEIGHT_TOLERANCE } from './series';
export { type BreadthState, adLine, breadthDeteriorating, breadthState, linearSlope } from './breadth';
export {
  EVENT_KINDS,
  NO_EVENT_CALENDAR,
  SHIPPED_EVENT_CALENDAR,
  type EventCalendar,
  type EventCoverage,
  type EventKind,
  type KindEvents,
  type MarketEvent,
  eventsBetween,
  eventsBetweenByKind,
  eventsNearByKind,
  eventsWithin,
  withUserEvents,
} from './events';
