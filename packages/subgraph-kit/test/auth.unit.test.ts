import {
  isOwnerOr,
  requireOwnerOr,
  requireSelf,
  requireService,
  serviceCaller,
  type Caller,
  type OwnerCheck,
} from '../src';

describe("isOwnerOr with { admin: true } (a user's private fields)", () => {
  const userId = '00000000-0000-4000-8000-000000000001';

  it.each<[string, Caller | null, boolean]>([
    ['the user themself', { userId, roles: ['customer'] }, true],
    ['an admin', { userId: 'someone-else', roles: ['customer', 'admin'] }, true],
    ['another customer', { userId: 'someone-else', roles: ['customer'] }, false],
    ['a service calling as itself', serviceCaller('notifications'), false],
    ['an anonymous caller', null, false],
  ])('answers for %s', (_label, caller, expected) => {
    expect(isOwnerOr(caller, userId, { admin: true })).toBe(expected);
  });
});

describe('requireSelf', () => {
  const userId = '00000000-0000-4000-8000-000000000001';
  const codeOf = (caller: Caller | null): unknown => {
    try {
      requireSelf(caller, userId, 'Only the user themself may read this.');
      return null;
    } catch (error) {
      return (error as { extensions?: { code?: unknown } }).extensions?.code;
    }
  };

  it.each<[string, Caller | null, unknown]>([
    ['the user themself', { userId, roles: ['customer'] }, null],
    ['an admin', { userId: 'someone-else', roles: ['customer', 'admin'] }, 'FORBIDDEN'],
    ['another customer', { userId: 'someone-else', roles: ['customer'] }, 'FORBIDDEN'],
    ['a service calling as itself', serviceCaller('notifications'), 'FORBIDDEN'],
    ['an anonymous caller', null, 'UNAUTHENTICATED'],
  ])('answers %s with %s', (_label, caller, code) => {
    expect(codeOf(caller)).toBe(code);
  });

  it('refuses with the message it is given', () => {
    expect(() => requireSelf({ userId: 'other', roles: [] }, userId, 'You may only see your own cart.')).toThrow(
      'You may only see your own cart.',
    );
  });
});

describe('isOwnerOr', () => {
  const ownerId = '00000000-0000-4000-8000-000000000001';
  const owner: Caller = { userId: ownerId, roles: ['customer'] };
  const admin: Caller = { userId: 'someone-else', roles: ['customer', 'admin'] };
  const customer: Caller = { userId: 'someone-else', roles: ['customer'] };
  const service = serviceCaller('orders');

  it.each<[string, OwnerCheck, Caller | null, boolean]>([
    ['the owner alone: the owner', {}, owner, true],
    ['the owner alone: an admin', {}, admin, false],
    ['the owner alone: a service', {}, service, false],
    ['owner or admin: an admin', { admin: true }, admin, true],
    ['owner or admin: a service', { admin: true }, service, false],
    ['owner or service: a service', { service: true }, service, true],
    ['owner or service: an admin', { service: true }, admin, false],
    ['owner or the orders service: orders', { service: ['orders'] }, service, true],
    ['owner or the orders service: cart', { service: ['orders'] }, serviceCaller('cart'), false],
    [
      'owner or service: a user holding the service role',
      { service: true },
      { userId: 'x', roles: ['service'] },
      false,
    ],
    ['owner, admin or service: the owner', { admin: true, service: true }, owner, true],
    ['owner, admin or service: an admin', { admin: true, service: true }, admin, true],
    ['owner, admin or service: a service', { admin: true, service: true }, service, true],
    ['owner, admin or service: another customer', { admin: true, service: true }, customer, false],
    ['owner, admin or service: an anonymous caller', { admin: true, service: true }, null, false],
  ])('answers %s', (_label, check, caller, expected) => {
    expect(isOwnerOr(caller, ownerId, check)).toBe(expected);
  });
});

describe('requireOwnerOr', () => {
  const ownerId = '00000000-0000-4000-8000-000000000001';
  const refusal = 'Only the author of a review or an admin may delete it.';
  const attempt = (caller: Caller | null, check: OwnerCheck): { code: unknown; message?: string } => {
    try {
      requireOwnerOr(caller, ownerId, check, refusal);
      return { code: null };
    } catch (error) {
      const { extensions, message } = error as { extensions?: { code?: unknown }; message: string };
      return { code: extensions?.code, message };
    }
  };

  it('returns the caller it lets through', () => {
    const admin: Caller = { userId: 'someone-else', roles: ['admin'] };
    expect(requireOwnerOr(admin, ownerId, { admin: true }, refusal)).toBe(admin);
  });

  it('refuses anyone else with FORBIDDEN and the message it is given', () => {
    expect(attempt({ userId: 'someone-else', roles: ['customer'] }, { admin: true, service: true })).toEqual({
      code: 'FORBIDDEN',
      message: refusal,
    });
    expect(attempt(serviceCaller('orders'), { admin: true })).toEqual({ code: 'FORBIDDEN', message: refusal });
  });

  it('refuses an anonymous caller with UNAUTHENTICATED before looking at the owner', () => {
    expect(attempt(null, { admin: true, service: true })).toEqual({
      code: 'UNAUTHENTICATED',
      message: 'You must be logged in to do this.',
    });
  });
});

describe('requireService', () => {
  const attempt = (caller: Caller | null): unknown => {
    try {
      return requireService(caller, ['orders']);
    } catch (error) {
      const { extensions, message } = error as { extensions: { code: string }; message: string };
      return { code: extensions.code, message };
    }
  };

  it('lets a listed service calling as itself in', () => {
    expect(attempt(serviceCaller('orders'))).toMatchObject({ userId: 'service:orders', service: 'orders' });
  });

  it('refuses another service with FORBIDDEN naming it', () => {
    expect(attempt(serviceCaller('cart'))).toEqual({
      code: 'FORBIDDEN',
      message: 'The cart service may not call this operation (only orders).',
    });
  });

  it.each([
    ['a user holding a service role', { userId: 'u-1', roles: ['service', 'admin'] }],
    ['an anonymous caller', null],
  ])('refuses %s with UNAUTHENTICATED', (_who, caller) => {
    expect(attempt(caller)).toEqual({ code: 'UNAUTHENTICATED', message: 'This operation is for services only.' });
  });
});
