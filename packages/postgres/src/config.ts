import { z } from 'zod';

/** What every PostgreSQL-backed subgraph reads: its own database. */
export const databaseEnv = z.object({ DATABASE_URL: z.url('must be a postgres:// URL') });

export type DatabaseConfig = z.infer<typeof databaseEnv>;
