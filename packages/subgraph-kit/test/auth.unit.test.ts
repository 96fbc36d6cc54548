import { isSelfOrAdmin, requireSelf, serviceCaller, type Caller } from '../src';

describe('isSelfOrAdmin', () => {
  const userId = '00000000-0000-4000-8000-000000000001';

  it.each<[string, Caller | null, boolean]>([
    ['the user themself', { userId, roles: ['customer'] }, true],
    ['an admin', { userId: 'someone-else', roles: ['customer', 'admin'] }, true],
    ['another customer', { userId: 'someone-else', roles: ['customer'] }, false],
    ['a service calling as itself', serviceCaller('notifications'), false],
    ['an anonymous caller', null, false],
  ])('answers for %s', (_label, caller, expected) => {
    expect(isSelfOrAdmin(caller, userId)).toBe(expected);
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
