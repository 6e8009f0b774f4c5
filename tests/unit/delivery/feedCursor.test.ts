import fc from 'fast-check';
import { decodeCursor, encodeCursor, FEED_START } from '../../../src/core/delivery';

describe('feed cursors', () => {
  it('read back as the position they were made from', () => {
    fc.assert(
      fc.property(fc.option(fc.bigInt({ min: 0n, max: 2n ** 63n - 1n }), { nil: null }), fc.nat({ max: Number.MAX_SAFE_INTEGER }), (txid, id) => {
        const position = { txid: txid === null ? null : String(txid), id };
        const cursor = encodeCursor(position);
        expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
        expect(decodeCursor(cursor)).toEqual(position);
      })
    );
  });

  it('start at the beginning when none is given', () => {
    for (const none of [undefined, null, '']) expect(decodeCursor(none)).toEqual(FEED_START);
  });

  it('refuse what this feed never gave out', () => {
    for (const value of ['not a cursor', 'a'.repeat(65), Buffer.from('x.y').toString('base64url'), Buffer.from('1.').toString('base64url'), Buffer.from('.99999999999999999').toString('base64url'), Buffer.from('.9007199254740993').toString('base64url'), ['a'], 42]) {
      expect(decodeCursor(value)).toBeNull();
    }
  });
});
