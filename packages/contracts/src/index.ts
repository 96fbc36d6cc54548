/**
 * The operations each subgraph offers to other services, one namespace per callee
 * (`catalog.ProductNamesDocument`, `payments.AuthorizePaymentDocument`, …): typed
 * documents generated from `<callee>/operations.graphql` and checked against the
 * schema that callee serves, for `SubgraphClient.request`. A field a callee renames
 * fails `npm run codegen`, and a type it changes fails `tsc` in every caller.
 */
export * as accounts from './accounts';
export * as cart from './cart';
export * as catalog from './catalog';
export * from './entities';
export * as inventory from './inventory';
export * as payments from './payments';
