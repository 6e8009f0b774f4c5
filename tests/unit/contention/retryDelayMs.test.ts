import { retryDelayMs } from '../../../src/core/contention';

describe('retryDelayMs: exponential backoff with jitter', () => {
  it('doubles from the base with each attempt, between half and all of the ceiling', () => {
    expect(retryDelayMs(1, 0)).toBe(25);
    expect(retryDelayMs(1, 1)).toBe(50);
    expect(retryDelayMs(2, 0)).toBe(50);
    expect(retryDelayMs(3, 0.999)).toBe(200);
  });

  it('never exceeds the cap, however many attempts', () => {
    for (let attempt = 1; attempt < 40; attempt += 1) {
      expect(retryDelayMs(attempt, 0.999, 50, 2000)).toBeLessThanOrEqual(2000);
    }
  });

  it('clamps a draw outside [0, 1)', () => {
    expect(retryDelayMs(1, -5)).toBe(25);
    expect(retryDelayMs(1, 7)).toBe(50);
  });
});
