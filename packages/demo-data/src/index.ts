export * from './catalog';
export * from './random';
export * from './reviews';
export * from './stock';
export * from './users';
