export * from './common';
export * from './parse';
export * from './replay';
