import { DEFAULT_MODERATION_RULES, isHoneypotFilled } from '../../../src/core/moderation';

const rules = DEFAULT_MODERATION_RULES;

describe('isHoneypotFilled', () => {
  it('is not triggered by a human who never sees the field', () => {
    expect(isHoneypotFilled({ authorName: 'A' }, rules)).toBe(false);
    expect(isHoneypotFilled({ website: '' }, rules)).toBe(false);
    expect(isHoneypotFilled({ website: '   ' }, rules)).toBe(false);
    expect(isHoneypotFilled({ website: null }, rules)).toBe(false);
  });

  it('catches a bot that fills the field with anything', () => {
    expect(isHoneypotFilled({ website: 'http://spam.example' }, rules)).toBe(true);
    expect(isHoneypotFilled({ website: 0 }, rules)).toBe(true);
    expect(isHoneypotFilled({ website: ['x'] }, rules)).toBe(true);
  });

  it('watches the configured field name', () => {
    expect(isHoneypotFilled({ website: 'x' }, { honeypotField: 'url2' })).toBe(false);
    expect(isHoneypotFilled({ url2: 'x' }, { honeypotField: 'url2' })).toBe(true);
  });

  it('does not read inherited properties', () => {
    expect(isHoneypotFilled({}, { honeypotField: 'constructor' })).toBe(false);
  });
});
