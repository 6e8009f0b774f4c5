import { checkPersonalDataDays, personalDataCutoff } from '../../../src/core/privacy';
import { commentsClosedByAge, readCloseAfterDays } from '../../../src/core/moderation';

const DAY = 24 * 60 * 60 * 1000;

describe('personal data retention', () => {
  it('cuts off `days` whole days before now', () => {
    const now = new Date('2026-12-06T12:00:00Z');
    expect(personalDataCutoff(now, 90).toISOString()).toBe('2026-09-07T12:00:00.000Z');
  });

  it.each([0, -1, 1.5, Number.NaN, 3651])('refuses %p days, naming the variable', (days) => {
    expect(() => checkPersonalDataDays(days)).toThrow(/COMMENT_PERSONAL_DATA_DAYS/);
  });
});

describe('closing old threads', () => {
  const now = new Date('2026-12-06T12:00:00Z');

  it('closes an article first published more than the setting ago, and only then', () => {
    expect(commentsClosedByAge(new Date(now.getTime() - 14 * DAY - 1), 14, now)).toBe(true);
    expect(commentsClosedByAge(new Date(now.getTime() - 14 * DAY), 14, now)).toBe(false);
    expect(commentsClosedByAge(new Date(now.getTime() - 1000 * DAY), null, now)).toBe(false);
    expect(commentsClosedByAge(null, 1, now)).toBe(false);
  });

  it('reads the setting: off by default, else whole days', () => {
    expect(readCloseAfterDays(undefined)).toBeNull();
    expect(readCloseAfterDays('')).toBeNull();
    expect(readCloseAfterDays('OFF')).toBeNull();
    expect(readCloseAfterDays(' 30 ')).toBe(30);
    for (const bad of ['0', '-3', '1.5', 'two weeks', '36501']) expect(() => readCloseAfterDays(bad)).toThrow(/COMMENT_CLOSE_AFTER_DAYS/);
  });
});
