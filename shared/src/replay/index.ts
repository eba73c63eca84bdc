export * from './marketHistory';
export * from './datedCurve';
