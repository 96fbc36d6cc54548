export * from './catalog';
export * from './transport';
export * from './outbox';
export * from './relay';
export * from './consumer';
