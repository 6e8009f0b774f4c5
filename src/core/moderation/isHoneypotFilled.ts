import type { ModerationRules } from './types';

export function isHoneypotFilled(fields: Readonly<Record<string, unknown>>, rules: Pick<ModerationRules, 'honeypotField'>): boolean {
  if (!Object.prototype.hasOwnProperty.call(fields, rules.honeypotField)) return false;
  const value = fields[rules.honeypotField];
  if (value === undefined || value === null) return false;
  // Browsers send "" for an untouched field; bots may send anything else, numbers included.
  return typeof value !== 'string' || value.trim() !== '';
}
