import { computeRetryAfter } from '../../../src/core/moderation';

const now = new Date('2024-01-01T12:00:00.000Z');
const ago = (seconds: number) => new Date(now.getTime() - seconds * 1000);

describe('computeRetryAfter', () => {
  it('lets a first-time or patient author through', () => {
    expect(computeRetryAfter(null, now, 15)).toBe(0);
    expect(computeRetryAfter(ago(15), now, 15)).toBe(0);
    expect(computeRetryAfter(ago(60), now, 15)).toBe(0);
  });

  it('rounds what remains of the interval up', () => {
    expect(computeRetryAfter(ago(4.2), now, 15)).toBe(11);
    expect(computeRetryAfter(ago(0), now, 15)).toBe(15);
  });

  it('asks to wait at least one second', () => {
    expect(computeRetryAfter(ago(14.9), now, 15)).toBe(1);
  });

  it('never asks for more than one interval, even with a future timestamp', () => {
    expect(computeRetryAfter(ago(-3600), now, 15)).toBe(15);
  });

  it('is disabled by a zero interval', () => {
    expect(computeRetryAfter(ago(0), now, 0)).toBe(0);
  });
});
