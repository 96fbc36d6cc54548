import { runScript, seedDemoDataIfAsked } from '@agora/subgraph-kit';
import { demoReviews } from '@agora/demo-data';
import { loadSeedConfig } from './config';
import { connectReviewsDb, type ReviewsDb } from './db';
import { ReviewRepository } from './review.repository';

/** Rows per INSERT: 500 rows x 7 columns stays far below Postgres' 65,535 parameters. */
const BATCH_SIZE = 500;

/** Idempotent: adds the demo reviews not there yet. Returns how many were added. */
export async function seedDemoReviews(db: ReviewsDb): Promise<number> {
  const repository = new ReviewRepository(db.db);
  const reviews = demoReviews();
  let added = 0;
  for (let start = 0; start < reviews.length; start += BATCH_SIZE) {
    added += await repository.insertMissing(reviews.slice(start, start + BATCH_SIZE));
  }
  return added;
}

/**
 * The seed entry (`node dist/seed.js`, which the image runs on start): adds the demo reviews
 * only when SEED_DEMO_DATA=true, else logs that demo data is off (`env` for tests;
 * process.env by default).
 */
export async function runSeed(env?: NodeJS.ProcessEnv): Promise<void> {
  const config = loadSeedConfig(env);
  await seedDemoDataIfAsked('reviews', config, async () => {
    const db = connectReviewsDb(config.DATABASE_URL);
    try {
      console.log(`reviews: ${await seedDemoReviews(db)} reviews added`);
    } finally {
      await db.close();
    }
  });
}

// Run as a script (npm run seed); imported by tests for seedDemoReviews only.
if (require.main === module) runScript(() => runSeed());
