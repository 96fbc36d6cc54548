export * from './cursors';
export * from './database';
export * from './operations';
