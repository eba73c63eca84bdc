export * from './positions';
export * from './orders';
export * from './structures';
export * from './schemas';
