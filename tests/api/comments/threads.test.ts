import { newsroom } from '../../helpers/fixtures';
import type { TestApp } from '../../helpers/strapi';
import {
  aComment,
  allPosters,
  bootCommentsApp,
  COMMENT,
  commentRow,
  countComments,
  publicThread,
  publishedArticle,
  storedComment,
  useRules,
  type Poster,
} from './support';

const LABELS = ['REST as Public', 'REST as Authenticated', 'GraphQL as Public', 'GraphQL as Authenticated'];

describe('threads: replies answer an approved comment of the same article, five levels at most', () => {
  let app: TestApp;
  let posters: Poster[];
  let article: { documentId: string };
  let elsewhere: { documentId: string };
  const poster = (label: string) => posters.find((p) => p.label === label)!;

  /** An approved chain of `levels` comments, each answering the previous one; returns the deepest. */
  const chain = async (levels: number) => {
    let parent: string | undefined;
    for (let level = 1; level <= levels; level += 1) {
      parent = (await storedComment(app, article.documentId, parent ? { parent } : {})).documentId;
    }
    return parent!;
  };

  beforeAll(async () => {
    app = await bootCommentsApp();
    await newsroom(app).site();
    article = await publishedArticle(app, 'Fils de discussion');
    elsewhere = await publishedArticle(app, 'Ailleurs');
    posters = await allPosters(app);
  });
  afterAll(async () => {
    await app?.stop();
  });

  describe.each(LABELS)('%s', (label) => {
    it('places a reply under its parent, one level deeper', async () => {
      const parent = await chain(2);
      const posted = await poster(label).post(aComment(article.documentId, { parent }));
      expect(posted.status).toBe(201);
      expect(posted.comment).toMatchObject({ parentDocumentId: parent, depth: 3 });
      expect((await commentRow(app, posted.comment.documentId)).parent.documentId).toBe(parent);
    });

    it('accepts a reply at depth 5 and refuses one at depth 6 with a 400', async () => {
      const fourth = await chain(4);
      const fifth = await poster(label).post(aComment(article.documentId, { parent: fourth }));
      expect(fifth.comment).toMatchObject({ depth: 5 });

      const deepest = await chain(5);
      const before = await countComments(app);
      const sixth = await poster(label).post(aComment(article.documentId, { parent: deepest }));
      expect(sixth.status).toBe(400);
      expect(sixth.error?.details?.field).toBe('parent');
      expect(await countComments(app)).toBe(before);
    });

    it.each([
      ['a pending comment', async () => (await storedComment(app, article.documentId, { commentStatus: 'pending' })).documentId],
      ['a spam comment', async () => (await storedComment(app, article.documentId, { commentStatus: 'spam' })).documentId],
      ['a comment on another article', async () => (await storedComment(app, elsewhere.documentId)).documentId],
      ['an unknown comment', async () => 'nosuchcomment00000000000'],
    ])('refuses a reply to %s with the same 400, and stores nothing', async (_what, parentOf) => {
      const parent = await parentOf();
      const before = await countComments(app);
      const posted = await poster(label).post(aComment(article.documentId, { parent }));
      expect(posted.status).toBe(400);
      expect(posted.error?.message).toBe('parent must be an approved comment on the same article');
      expect(await countComments(app)).toBe(before);
    });
  });

  it('takes the depth limit from the config', async () => {
    const restore = useRules(app, { maxThreadDepth: 2 });
    try {
      const second = await chain(2);
      expect((await posters[0].post(aComment(article.documentId, { parent: second }))).status).toBe(400);
      const first = await chain(1);
      expect((await posters[0].post(aComment(article.documentId, { parent: first }))).status).toBe(201);
    } finally {
      restore();
    }
  });

  it('refuses a parent that is not a documentId', async () => {
    expect((await posters[0].post(aComment(article.documentId, { parent: { connect: [{ id: 1 }] } }))).status).toBe(400);
  });

  describe('deleting a comment in the middle of a thread', () => {
    it('lifts its replies and their own replies one level, under its parent', async () => {
      const top = await storedComment(app, article.documentId);
      const middle = await storedComment(app, article.documentId, { parent: top.documentId });
      const reply = await storedComment(app, article.documentId, { parent: middle.documentId });
      const replyToReply = await storedComment(app, article.documentId, { parent: reply.documentId });

      await (app.strapi.documents(COMMENT as any) as any).delete({ documentId: middle.documentId });

      const lifted = await commentRow(app, reply.documentId);
      expect(lifted).toMatchObject({ parentDocumentId: top.documentId, depth: 2 });
      expect(lifted.parent.documentId).toBe(top.documentId);
      expect(await commentRow(app, replyToReply.documentId)).toMatchObject({ parentDocumentId: reply.documentId, depth: 3 });

      const listed = (await publicThread(app, article.documentId).expect(200)).body.data;
      expect(listed.find((c: any) => c.documentId === reply.documentId)).toMatchObject({ parentDocumentId: top.documentId, depth: 2 });
    });

    it('makes the replies of a deleted top-level comment top-level themselves', async () => {
      const top = await storedComment(app, article.documentId);
      const reply = await storedComment(app, article.documentId, { parent: top.documentId });
      await (app.strapi.documents(COMMENT as any) as any).delete({ documentId: top.documentId });
      const lifted = await commentRow(app, reply.documentId);
      expect(lifted).toMatchObject({ parentDocumentId: null, depth: 1 });
      expect(lifted.parent).toBeNull();
    });
  });
});
