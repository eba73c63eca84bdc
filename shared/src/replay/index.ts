export * from './marketHistory';
export * from './datedCurve';
export * from './condor';
export * from './summary';
export * from './replay';
