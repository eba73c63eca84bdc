export * from './audit';

export * from './split';
export * from './condor';
export * from './overlay';
export * from './tailSize';
export * from './stress';
export * from './caps';
export * from './rebalance';
export * from './analogs';
export * from './plan';
