export { rsi } from './rsi';
export { ema, macd, MACD_DEFAULTS, volOfVolExpanding } from './macd';
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
