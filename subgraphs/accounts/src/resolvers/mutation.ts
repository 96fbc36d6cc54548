import { parseInput } from '@agora/subgraph-kit';
import { z } from 'zod';
import type { MutationResolvers } from '../__generated__/resolvers-types';
import type { Session } from '../auth.service';
import type { UserModel } from './mappers';

const email = z.string().trim().max(254, 'must be at most 254 characters');

const signUpInput = z.object({
  email: email.pipe(z.email('must be a valid e-mail address')),
  password: z.string().min(8, 'must be at least 8 characters').max(128, 'must be at most 128 characters'),
  name: z.string().trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters'),
});

const logInInput = z.object({
  email: email.min(1, 'must not be empty'),
  password: z.string().min(1, 'must not be empty').max(128, 'must be at most 128 characters'),
});

const opaqueToken = z.string().min(1, 'must not be empty').max(200, 'must be at most 200 characters');

function authPayload(session: Session): { accessToken: string; refreshToken: string; user: UserModel } {
  return { ...session, user: { ...session.user, signedInByThisResponse: true } };
}

export const Mutation: MutationResolvers = {
  signUp: async (_parent, args, { auth, clientAddress }) =>
    authPayload(await auth.signUp(parseInput(signUpInput, args.input, 'input'), clientAddress)),
  logIn: async (_parent, args, { auth, clientAddress }) =>
    authPayload(await auth.logIn(parseInput(logInInput, args.input, 'input'), clientAddress)),
  refreshToken: async (_parent, args, { auth }) =>
    authPayload(await auth.refresh(parseInput(opaqueToken, args.token, 'token'))),
  logOut: (_parent, args, { auth }) => auth.logOut(parseInput(opaqueToken, args.refreshToken, 'refreshToken')),
};
