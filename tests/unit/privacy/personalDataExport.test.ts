import { buildPersonalDataExport, type StoredCommentData } from '../../../src/core/privacy';

const comment = (documentId: string, createdAt: string): StoredCommentData => ({
  documentId,
  article: null,
  parentDocumentId: null,
  commentStatus: 'approved',
  authorName: 'Léa',
  authorEmail: 'lea@example.org',
  body: 'Bonjour',
  ipHash: null,
  userAgent: null,
  moderationReason: null,
  userId: null,
  notifyReplies: false,
  createdAt,
  updatedAt: createdAt,
});

describe('buildPersonalDataExport', () => {
  it('lists each comment once, oldest first, under the subject asked for', () => {
    const answer = buildPersonalDataExport(
      { kind: 'email', email: 'lea@example.org' },
      [],
      [comment('b', '2026-02-01T00:00:00.000Z'), comment('a', '2026-03-01T00:00:00.000Z'), comment('b', '2026-02-01T00:00:00.000Z')],
      [],
      new Date('2026-12-06T00:00:00Z')
    );
    expect(answer.subject).toEqual({ email: 'lea@example.org', userId: null });
    expect(answer.generatedAt).toBe('2026-12-06T00:00:00.000Z');
    expect(answer.comments.map((c) => c.documentId)).toEqual(['b', 'a']);
  });
});
