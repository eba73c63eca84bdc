export * from './common';
export * from './parse';
