export * from './positions';
export * from './orders';
