export * from './marketHistory';
export * from './datedCurve';
export * from './futuresCurve';
export * from './condor';
export * from './summary';
export * from './replay';
