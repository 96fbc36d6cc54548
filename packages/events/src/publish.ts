import { z } from 'zod';
import { within } from '@agora/subgraph-kit';
import { parseEnvelope } from './catalog';
import { errorMessage, type Publisher } from './transport';

/**
 * What became of one attempt to publish an outbox event:
 * - `published`: the transport confirmed it;
 * - `unpublishable`: it can never be published as it is (its envelope is invalid, or
 *   the transport refused its content); the relay parks it and goes on, so it does
 *   not hold up the events behind it;
 * - `failed`: the transport could not be reached or did not confirm in time; the
 *   relay keeps the event and ends the pass, to retry later.
 */
export type PublishOutcome =
  { status: 'published' } | { status: 'unpublishable'; error: string } | { status: 'failed'; error: string };

/**
 * PostgreSQL's "data exception" class: the pg-boss transport stores each event as
 * jsonb, which refuses for instance `\u0000` (22P05) whatever the queue's state.
 */
const DATA_EXCEPTION_CLASS = '22';

/** Whether the transport refused the message for its content: sent again, it would be refused again. */
export function isContentRejection(error: unknown): boolean {
  for (let current: unknown = error; current instanceof Error; current = current.cause) {
    const { code } = current as Error & { code?: unknown };
    if (typeof code === 'string' && code.length === 5 && code.startsWith(DATA_EXCEPTION_CLASS)) return true;
  }
  return false;
}

/** One line per validation issue, e.g. `payload.total.amount: Invalid input: expected int`. */
function describeInvalid(error: unknown): string {
  if (!(error instanceof z.ZodError)) return errorMessage(error);
  return error.issues.map((issue) => `${issue.path.join('.') || '(envelope)'}: ${issue.message}`).join('; ');
}

/**
 * Validates `stored` (an outbox row or document as an envelope) and publishes it,
 * waiting at most `timeoutMs` for the transport's confirmation. Never throws.
 */
export async function publishStoredEvent(
  publisher: Publisher,
  stored: unknown,
  timeoutMs: number,
): Promise<PublishOutcome> {
  let envelope;
  try {
    envelope = parseEnvelope(stored);
  } catch (error) {
    return { status: 'unpublishable', error: `invalid envelope: ${describeInvalid(error)}` };
  }
  try {
    await within(publisher.publish(envelope), timeoutMs, () => {
      throw new Error(`not confirmed within ${timeoutMs} ms`);
    });
    return { status: 'published' };
  } catch (error) {
    const message = errorMessage(error);
    return isContentRejection(error)
      ? { status: 'unpublishable', error: `refused by the transport: ${message}` }
      : { status: 'failed', error: message };
  }
}
