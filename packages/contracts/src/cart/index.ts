export * from './__generated__/operations';
