import { createHmac } from 'node:crypto';
import { hashIp } from '../../../src/core/moderation';

describe('hashIp', () => {
  it('is the HMAC-SHA256 hex digest of the ip', () => {
    const expected = createHmac('sha256', 's3cret').update('203.0.113.7').digest('hex');
    expect(hashIp('203.0.113.7', 's3cret')).toBe(expected);
    expect(hashIp('203.0.113.7', 's3cret')).toMatch(/^[0-9a-f]{64}$/);
  });

  it('differs per secret and per ip, and never contains the ip', () => {
    const hash = hashIp('203.0.113.7', 'a');
    expect(hash).not.toBe(hashIp('203.0.113.7', 'b'));
    expect(hash).not.toBe(hashIp('203.0.113.8', 'a'));
    expect(hash).not.toContain('203');
  });

  it('refuses an empty secret', () => {
    expect(() => hashIp('203.0.113.7', '')).toThrow();
  });
});
