export * from './database';
export * from './operations';
