import { isSelfOrAdmin, serviceCaller, type Caller } from '../src';

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
