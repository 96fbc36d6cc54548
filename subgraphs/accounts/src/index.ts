import { runScript, runSubgraph } from '@agora/subgraph-kit';
import { createAccountsService } from './app';
import { loadConfig } from './config';

async function main(): Promise<void> {
  const config = loadConfig();
  const service = createAccountsService({
    databaseUrl: config.DATABASE_URL,
    issuer: config.JWT_ISSUER,
    audience: config.JWT_AUDIENCE,
    accessTokenTtlSeconds: config.ACCESS_TOKEN_TTL_SECONDS,
  });
  // Creates the signing key on a fresh database before the first request needs it,
  // and refuses to start when it cannot.
  await service.signingKeys.active();
  await runSubgraph(service, config);
}

runScript(main);
