export * from './cursors';
export * from './database';
export * from './operations';
export * from './log-capture';
export * from './raw-http';
