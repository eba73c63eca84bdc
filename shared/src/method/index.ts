export * from './audit';
export * from './policy';
export * from './split';
export * from './tailSize';
export * from './analogs';
