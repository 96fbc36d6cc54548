import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ApolloGateway } from '@apollo/gateway';
import { getIntrospectionQuery, type GraphQLSchema, Kind, type OperationDefinitionNode, parse, print } from 'graphql';
import { DEFAULT_LIMITS } from '../src/config';
import { countTokens, measureOperation, type OperationMeasures } from '../src/operation-limits';
import {
  e2eOperations,
  isValidOn,
  type KnownOperation,
  readmeOperations,
  worstCaseVariables,
} from './documented-operations';
import { aliasesOfSearch, nestedRecommendations } from './operation-shapes';

const SUPERGRAPH = path.resolve(__dirname, '..', '..', 'supergraph.graphql');

/** Agora's API schema, as the router serves it. */
async function loadApiSchema(): Promise<GraphQLSchema> {
  const gateway = new ApolloGateway({ supergraphSdl: readFileSync(SUPERGRAPH, 'utf8') });
  const { schema } = await gateway.load();
  await gateway.stop();
  return schema;
}

describe('operation limits on the Agora supergraph', () => {
  let schema: GraphQLSchema;
  beforeAll(async () => {
    schema = await loadApiSchema();
  });

  const measure = (query: string, variables: Record<string, unknown> = {}): OperationMeasures => {
    const document = parse(query);
    const operation = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION) as OperationDefinitionNode;
    return measureOperation(schema, document, operation, variables);
  };

  it('counts depth, aliases and directives as graphql-armor does, fragments adding no level', () => {
    const measured = measure(`
      query ($all: Boolean!) {
        a: products(first: 1) { edges { node { ...Names reviews(first: 1) @include(if: $all) { totalCount } } } }
        b: me { id @skip(if: false) }
      }
      fragment Names on Product { name category { name } }`);

    expect(measured).toMatchObject({ depth: 5, aliases: 2, directives: 2 });
  });

  it('counts tokens without comments, up to what the lexer cannot read, and no further than asked', () => {
    expect(countTokens('{ a { b } } # six')).toBe(6);
    expect(countTokens('{ a { b } ~ }')).toBe(5);
    expect(countTokens('{ a b c d e f }', 3)).toBe(4);
  });

  it('multiplies the cost by the page size along nested connections', () => {
    // products: 1 + 5 × edges(1 + node(1 + id 1 + reviews(1 + 3 × edges(1 + node(1 + rating 1)))))
    const nested = `{ products(first: 5) { edges { node { id reviews(first: 3) { edges { node { rating } } } } } } }`;
    const reviews = 1 + 3 * (1 + (1 + 1));
    expect(measure(nested).cost).toBe(1 + 5 * (1 + (1 + 1 + reviews)));
  });

  it('takes the page size from variables, the argument default (5 for recommendations) or 20, up to 100', () => {
    const listing = `query ($n: Int) { products(first: $n) { edges { node { id } } } }`;
    const perPage = 1 + (1 + 1);

    expect(measure(listing, { n: 7 }).cost).toBe(1 + 7 * perPage);
    expect(measure(listing).cost).toBe(1 + 20 * perPage);
    expect(measure(listing, { n: 100_000 }).cost).toBe(1 + 100 * perPage);
    expect(measure(`{ product(id: "1") { recommendations { id } } }`).cost).toBe(1 + (1 + 5 * 1));
  });

  it('costs what the README says', () => {
    const storefront = readmeOperations()[0] as KnownOperation;
    const costOf = (variables: Record<string, unknown>) =>
      measureOperation(schema, storefront.document, storefront.operation, variables).cost;
    const example = `{ products(first: 100) { edges { node { reviews(first: 20) { edges { node { rating } } } } } } }`;

    expect(storefront.operation.name?.value).toBe('Storefront');
    expect([costOf({}), costOf({ first: 100 })]).toEqual([601, 3_001]);
    expect(measure(example).cost).toBe(6_301);
  });

  it('leaves the cost undefined when the variables do not coerce (the gateway refuses those before planning)', () => {
    expect(measure(`query ($n: Int) { products(first: $n) { totalCount } }`, { n: 'many' }).cost).toBeUndefined();
  });

  it('measures the two operations measured on a running Agora far over the defaults', () => {
    const deep = measure(nestedRecommendations(30, 5));
    const aliases = measure(aliasesOfSearch(1_000));

    expect(deep.depth).toBeGreaterThan(DEFAULT_LIMITS.depth);
    expect(deep.cost).toBeGreaterThan(DEFAULT_LIMITS.cost);
    expect(aliases.aliases).toBeGreaterThan(DEFAULT_LIMITS.aliases);
    expect(aliases.cost).toBeGreaterThan(DEFAULT_LIMITS.cost);
  });

  describe('every operation of the README and the end-to-end tests', () => {
    let known: KnownOperation[];
    beforeAll(() => {
      known = [...readmeOperations(), ...e2eOperations(), ...introspection()].filter((op) => isValidOn(schema, op));
    });

    it('is found', () => {
      expect(known.filter((op) => op.where.startsWith('README')).length).toBeGreaterThanOrEqual(10);
      expect(known.length).toBeGreaterThanOrEqual(80);
    });

    it('stays within half of each default limit, with every Int variable at 100', () => {
      const overHalf = known.flatMap((op) => {
        const measured = {
          tokens: countTokens(op.text),
          ...measureOperation(schema, op.document, op.operation, worstCaseVariables(schema, op.operation)),
        };
        return Object.entries(measured)
          .filter(([limit, value]) => value === undefined || value > DEFAULT_LIMITS[limit as keyof typeof measured] / 2)
          .map(([limit, value]) => `${op.where}: ${limit} ${value}`);
      });

      expect(overHalf).toEqual([]);
    });
  });
});

/** The query Apollo Sandbox and codegen send to read the schema. */
function introspection(): KnownOperation[] {
  const text = getIntrospectionQuery();
  const document = parse(text);
  const operation = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION) as OperationDefinitionNode;
  return [{ where: 'introspection', document, operation, text: print(document) }];
}
