import { holdsForReports, readReportFields, summarizeReportReasons } from '../../../src/core/moderation';

describe('comment reports', () => {
  it('reads a reason from the fixed list and an optional note, cleaned', () => {
    expect(readReportFields({ reason: 'spam' })).toEqual({ reason: 'spam', note: null });
    expect(readReportFields({ reason: 'harassment', note: '  Il insulte\u0007 un lecteur.\nDeux fois. ' })).toEqual({
      reason: 'harassment',
      note: 'Il insulte un lecteur.\nDeux fois.',
    });
  });

  it.each([
    [undefined, 'reason'],
    [{}, 'reason'],
    [{ reason: 'boring' }, 'reason'],
    [{ reason: 'spam', note: 42 }, 'note'],
    [{ reason: 'spam', note: 'x'.repeat(501) }, 'note'],
    [{ reason: 'spam', commentStatus: 'trash' }, 'commentStatus'],
  ])('names the field wrong in %j', (data, path) => {
    expect(readReportFields(data)).toMatchObject({ path });
  });

  it('holds a comment at the threshold, never when it is 0', () => {
    expect(holdsForReports(2, 3)).toBe(false);
    expect(holdsForReports(3, 3)).toBe(true);
    expect(holdsForReports(50, 0)).toBe(false);
  });

  it('sums up reasons, most frequent first', () => {
    expect(summarizeReportReasons(['spam', 'harassment', 'harassment', 'other'])).toBe('harassment ×2, spam, other');
    expect(summarizeReportReasons([])).toBe('');
  });
});
