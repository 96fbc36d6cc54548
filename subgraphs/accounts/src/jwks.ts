import type { SubgraphService } from '@agora/subgraph-kit';
import type { Context } from './context';
import type { SigningKeys } from './signing-keys';

export const JWKS_PATH = '/.well-known/jwks.json';

/** Serves the public signing keys the router verifies access tokens with. */
export function jwksRoutes(keys: SigningKeys): NonNullable<SubgraphService<Context>['routes']> {
  return (app) => {
    app.get(JWKS_PATH, (_req, res) => {
      keys.jwks().then(
        // Keys change rarely, and a new kid makes the router fetch again anyway.
        (jwks) => res.set('cache-control', 'public, max-age=300').json(jwks),
        () => res.status(503).json({ error: 'signing keys are unavailable' }),
      );
    });
  };
}
