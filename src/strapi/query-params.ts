import { fieldError } from './errors';

/**
 * A whole-number parameter within [1, max] (a query string's digits, or a GraphQL Int), or
 * `fallback` when absent (undefined, null or ''). Anything else is a 400 naming `name`.
 */
export function readCount(value: unknown, name: string, fallback: number, max: number): number {
  if (value === undefined || value === null || value === '') return fallback;
  const number = typeof value === 'number' ? value : typeof value === 'string' && /^\d{1,9}$/.test(value) ? Number(value) : NaN;
  if (!Number.isInteger(number) || number < 1 || number > max) {
    throw fieldError(`${name} must be a whole number from 1 to ${max}`, [name]);
  }
  return number;
}
