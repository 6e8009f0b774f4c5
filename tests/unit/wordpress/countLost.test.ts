import { countLost, type LostTally } from '../../../src/core/wordpress/countLost';

describe('countLost', () => {
  it('adds one to the kind', () => {
    const lost: LostTally = {};
    countLost(lost, 'table');
    countLost(lost, 'table');
    countLost(lost, 'shortcode:gallery');
    expect(lost).toEqual({ table: 2, 'shortcode:gallery': 1 });
  });
});
