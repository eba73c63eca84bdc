export * from './marketHistory';
