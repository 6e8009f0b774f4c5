import { isContentionError, isPoolTimeoutError } from '../../../src/core/contention';

/** What knex throws (lib/util/timeout.js): its own class, recognisable only by name. */
class KnexTimeoutError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KnexTimeoutError';
  }
}

describe('isPoolTimeoutError: no connection could be had in time', () => {
  it('recognises knex timing out on the pool, as it is thrown and when wrapped', () => {
    const timeout = new KnexTimeoutError('Knex: Timeout acquiring a connection. The pool is probably full.');
    expect(isPoolTimeoutError(timeout)).toBe(true);
    expect(isPoolTimeoutError(new Error('wrapped', { cause: timeout }))).toBe(true);
  });

  it('is not contention: the request already waited, so it is answered, not retried', () => {
    expect(isContentionError(new KnexTimeoutError('Knex: Timeout acquiring a connection.'))).toBe(false);
  });

  it.each([
    ['a deadlock', Object.assign(new Error('deadlock detected'), { code: '40P01' })],
    ['a plain error that mentions a timeout', new Error('Timeout acquiring a connection')],
    ['a TimeoutError of another library', Object.assign(new Error('x'), { name: 'TimeoutError' })],
    ['undefined', undefined],
    ['a string', 'KnexTimeoutError'],
  ])('is false for %s', (_label, error) => {
    expect(isPoolTimeoutError(error)).toBe(false);
  });
});
