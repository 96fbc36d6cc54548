export * from './connection';
export * from './databases';
