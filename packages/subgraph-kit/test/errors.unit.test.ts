import { GraphQLError } from 'graphql';
import { badUserInput, conflict, forbidden, maskError, notFound, unauthenticated } from '../src';

describe('error vocabulary', () => {
  it('keeps coded client errors as they are', () => {
    for (const error of [
      badUserInput('input.rating: too big', 'input.rating'),
      unauthenticated(),
      forbidden(),
      notFound('no such review'),
      conflict('already reviewed'),
    ]) {
      const formatted = { message: error.message, extensions: error.extensions };
      expect(maskError(formatted)).toBe(formatted);
    }
  });

  it('masks unexpected errors', () => {
    const leaked = new GraphQLError('connection refused at 10.0.0.5:5432');
    expect(maskError({ message: leaked.message, extensions: { code: 'INTERNAL_SERVER_ERROR' } })).toEqual({
      message: 'Internal server error',
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
    expect(maskError({ message: 'boom' })).toEqual({
      message: 'Internal server error',
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
  });
});
