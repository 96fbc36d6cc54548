import { isoTimestamp, parseInput, requireCaller, requireService } from '@agora/subgraph-kit';
import { z } from 'zod';
import type { QueryResolvers } from '../__generated__/resolvers-types';

const since = z.iso
  .datetime({ offset: true, message: 'must be an ISO-8601 time with offset, e.g. 2026-01-01T12:00:00.000Z' })
  .transform((value) => new Date(value));

export const Query: QueryResolvers = {
  me: (_parent, _args, { caller, loaders }) => loaders.user.load(requireCaller(caller).userId),
  sessionRevocations: async (_parent, args, { caller, revocations }) => {
    // The router, calling as itself with its own key, learns which sessions' access tokens to refuse.
    requireService(caller, ['router']);
    const page = await revocations.since(parseInput(since, args.since, 'since'));
    return { sessionIds: page.sessionIds, nextSince: isoTimestamp(page.nextSince) };
  },
};
