import { serviceCaller, type Caller } from '@agora/subgraph-kit';
import { errorCodes, execute } from '@agora/testing';
import { callerOf, ME, signUp, startAccounts, type AccountsHarness } from './setup';

const ENTITIES = `query ($representations: [_Any!]!) {
  _entities(representations: $representations) { ... on User { id name createdAt } }
}`;

const ENTITY_EMAILS = `query ($representations: [_Any!]!) {
  _entities(representations: $representations) { ... on User { id name email } }
}`;

const ENTITY_ROLES = `query ($representations: [_Any!]!) {
  _entities(representations: $representations) { ... on User { id name roles } }
}`;

let accounts: AccountsHarness;
beforeAll(async () => {
  accounts = await startAccounts();
});
afterAll(() => accounts.stop());

function asUser(id: string) {
  return [{ __typename: 'User', id }];
}

describe('User.email', () => {
  it('is readable by the user themself', async () => {
    const user = await signUp(accounts);
    const result = await execute(accounts.server, accounts.context(callerOf(user)), ME);
    expect(result.data?.me.email).toBe(user.user.email);
  });

  it('is readable by an admin', async () => {
    const user = await signUp(accounts);
    const admin: Caller = { userId: '00000000-0000-4000-8000-000000000001', roles: ['customer', 'admin'] };
    const result = await execute(accounts.server, accounts.context(admin), ENTITY_EMAILS, {
      representations: asUser(user.user.id),
    });
    expect(result.errors).toBeUndefined();
    expect(result.data?._entities).toEqual([{ id: user.user.id, name: user.user.name, email: user.user.email }]);
  });

  it('is readable by the notifications service calling as itself', async () => {
    const user = await signUp(accounts);
    const result = await execute(accounts.server, accounts.context(serviceCaller('notifications')), ENTITY_EMAILS, {
      representations: asUser(user.user.id),
    });
    expect(result.errors).toBeUndefined();
    expect(result.data?._entities).toEqual([{ id: user.user.id, name: user.user.name, email: user.user.email }]);
  });

  it.each([
    ['another customer', { userId: '00000000-0000-4000-8000-000000000002', roles: ['customer'] }],
    ['another service calling as itself', serviceCaller('reviews')],
    ['a user holding a service role', { userId: '00000000-0000-4000-8000-000000000003', roles: ['service'] }],
    ['an anonymous caller', null],
  ])('is FORBIDDEN to %s while the rest of the user resolves', async (_label, caller: Caller | null) => {
    const user = await signUp(accounts);
    const result = await execute(accounts.server, accounts.context(caller), ENTITY_EMAILS, {
      representations: asUser(user.user.id),
    });
    expect(errorCodes(result)).toEqual(['FORBIDDEN']);
    expect(result.errors?.[0]?.path).toEqual(['_entities', 0, 'email']);
    expect(result.data?._entities).toEqual([{ id: user.user.id, name: user.user.name, email: null }]);
  });
});

describe('User.roles', () => {
  it('is readable by the user themself, also in the response that signs them up', async () => {
    const user = await signUp(accounts);
    expect(user.user.roles).toEqual(['customer']);
    const result = await execute(accounts.server, accounts.context(callerOf(user)), ENTITY_ROLES, {
      representations: asUser(user.user.id),
    });
    expect(result.errors).toBeUndefined();
    expect(result.data?._entities).toEqual([{ id: user.user.id, name: user.user.name, roles: ['customer'] }]);
  });

  it('is readable by an admin', async () => {
    const user = await signUp(accounts);
    const admin: Caller = { userId: '00000000-0000-4000-8000-000000000001', roles: ['customer', 'admin'] };
    const result = await execute(accounts.server, accounts.context(admin), ENTITY_ROLES, {
      representations: asUser(user.user.id),
    });
    expect(result.errors).toBeUndefined();
    expect(result.data?._entities).toEqual([{ id: user.user.id, name: user.user.name, roles: ['customer'] }]);
  });

  it.each([
    ['another customer', { userId: '00000000-0000-4000-8000-000000000002', roles: ['customer'] }],
    ['a service calling as itself', serviceCaller('reviews')],
    ['an anonymous caller', null],
  ])('is FORBIDDEN to %s while the rest of the user resolves', async (_label, caller: Caller | null) => {
    const user = await signUp(accounts);
    const result = await execute(accounts.server, accounts.context(caller), ENTITY_ROLES, {
      representations: asUser(user.user.id),
    });
    expect(errorCodes(result)).toEqual(['FORBIDDEN']);
    expect(result.errors?.[0]?.message).toBe("Only the user themself or an admin may read a user's roles.");
    expect(result.errors?.[0]?.path).toEqual(['_entities', 0, 'roles']);
    expect(result.data?._entities).toEqual([{ id: user.user.id, name: user.user.name, roles: null }]);
  });
});

describe('User reference resolution', () => {
  it('resolves many users in one query, duplicates and unknown ids included', async () => {
    const users = await Promise.all([1, 2, 3, 4, 5].map(() => signUp(accounts)));
    const ids = [...users.map((u) => u.user.id), users[0]?.user.id, '00000000-0000-4000-8000-00000000dead', 'x'];
    accounts.queries.reset();
    const result = await execute(accounts.server, accounts.context(), ENTITIES, {
      representations: ids.map((id) => ({ __typename: 'User', id })),
    });
    expect(result.errors).toBeUndefined();
    expect(result.data?._entities).toEqual([
      ...users.map((u) => ({ id: u.user.id, name: u.user.name, createdAt: u.user.createdAt })),
      { id: users[0]?.user.id, name: users[0]?.user.name, createdAt: users[0]?.user.createdAt },
      null,
      null,
    ]);
    expect(accounts.queries.count).toBe(1);
  });

  it('sends no query at all when no id can exist', async () => {
    accounts.queries.reset();
    const result = await execute(accounts.server, accounts.context(), ENTITIES, {
      representations: [{ __typename: 'User', id: 'not-a-uuid' }],
    });
    expect(result.data?._entities).toEqual([null]);
    expect(accounts.queries.count).toBe(0);
  });
});
