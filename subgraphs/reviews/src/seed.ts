import { runScript } from '@agora/subgraph-kit';
import { demoReviews } from '@agora/demo-data';
import { loadDatabaseConfig } from './config';
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

async function seed(): Promise<void> {
  const db = connectReviewsDb(loadDatabaseConfig().DATABASE_URL);
  try {
    console.log(`reviews: ${await seedDemoReviews(db)} reviews added`);
  } finally {
    await db.close();
  }
}

// Run as a script (npm run seed); imported by tests for seedDemoReviews only.
if (require.main === module) runScript(seed);
