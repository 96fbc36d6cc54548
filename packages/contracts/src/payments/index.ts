export * from './__generated__/operations';
export * from './card';
