export * from './leg';
export * from './skew';
export * from './markBook';
