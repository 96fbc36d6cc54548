export * from './config';
export * from './connection';
export * from './databases';
export * from './errors';
export * from './keyset';
export * from './executor';
