export * from './cursors';
export * from './database';
export * from './operations';
export * from './log-capture';
export * from './raw-http';
export * from './subgraphs';
export * from './wait-for';
export * from './catalog-products';
