import { isContentionError } from '../../../src/core/contention';

describe('isContentionError: which failures a retry can cure', () => {
  it.each([
    ['a PostgreSQL deadlock', { code: '40P01' }],
    ['a PostgreSQL serialization failure', { code: '40001' }],
    ['a PostgreSQL lock that could not be had', { code: '55P03' }],
    ['a PostgreSQL statement sent after a parallel one was the deadlock victim', { code: '25P02' }],
    ['SQLite busy', { code: 'SQLITE_BUSY' }],
    ['SQLite busy on a snapshot', { code: 'SQLITE_BUSY_SNAPSHOT' }],
    ['SQLite locked', { code: 'SQLITE_LOCKED' }],
    ['a MySQL deadlock', { errno: 1213 }],
    ['a MySQL lock wait timeout', { errno: 1205 }],
    ['a deadlock wrapped by another error', { message: 'wrapped', cause: { code: '40P01' } }],
  ])('%s is contention', (_label, error) => {
    expect(isContentionError(Object.assign(new Error('x'), error))).toBe(true);
  });

  it.each([
    ['a unique violation', { code: '23505' }],
    ['a not-null violation', { code: '23502' }],
    ['a syntax error', { code: '42601' }],
    ['SQLite constraint', { code: 'SQLITE_CONSTRAINT_UNIQUE' }],
    ['a plain error', {}],
  ])('%s is not', (_label, error) => {
    expect(isContentionError(Object.assign(new Error('x'), error))).toBe(false);
  });

  it('is false for anything that is not an error object', () => {
    expect(isContentionError(undefined)).toBe(false);
    expect(isContentionError('40P01')).toBe(false);
  });
});
