import type { JWK } from 'jose';
import { identitySignerOf, type IdentitySigner, type SigningJwk } from './identity-signer';
import { createLogger } from './logger';

/** The parsed `signerEnv` of a subgraph that calls others, with its log level. */
export interface SignerSettings {
  SIGNING_KEY?: SigningJwk;
  SIGNING_KEY_PREVIOUS_PUBLIC_KEYS?: JWK[];
  LOG_LEVEL: string;
}

/**
 * The signer a calling subgraph `name` signs its calls with (`iss` = name): its
 * SIGNING_KEY, or outside production an ephemeral key (logged at info). Its JWKS is
 * served when the service carries it as `signer` (see SubgraphService).
 */
export function serviceSignerOf(name: string, settings: SignerSettings): Promise<IdentitySigner> {
  return identitySignerOf(
    name,
    {
      key: settings.SIGNING_KEY,
      previousPublicKeys: settings.SIGNING_KEY_PREVIOUS_PUBLIC_KEYS,
      variable: 'SIGNING_KEY',
    },
    createLogger(name, settings.LOG_LEVEL),
  );
}
