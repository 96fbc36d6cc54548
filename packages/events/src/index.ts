export * from './catalog';
export * from './transport';
