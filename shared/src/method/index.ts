export * from './audit';
export * from './policy';
export * from './split';
