export * from './common';
export * from './parse';
export * from './replay';
export * from './plan';
export * from './scenario';
export * from './skew';
export * from './policy';
