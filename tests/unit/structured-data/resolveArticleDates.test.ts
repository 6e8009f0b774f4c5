import { resolveArticleDates } from '../../../src/core/structured-data';

describe('resolveArticleDates', () => {
  it('dates a republished version from its first publication, and its change from the last publish', () => {
    expect(
      resolveArticleDates({
        firstPublishedAt: '2017-09-30T08:00:00.000Z',
        publishedAt: '2017-10-02T10:00:00.000Z',
        updatedAt: '2017-10-02T09:59:59.000Z',
      })
    ).toEqual({ datePublished: '2017-09-30T08:00:00.000Z', dateModified: '2017-10-02T10:00:00.000Z' });
  });

  it('never dates the change before the publication', () => {
    // Strapi copies the draft's updatedAt, which can precede the publish that stamped firstPublishedAt.
    expect(
      resolveArticleDates({ firstPublishedAt: '2017-09-30T08:00:00.500Z', publishedAt: null, updatedAt: '2017-09-30T08:00:00.100Z' })
    ).toEqual({ datePublished: '2017-09-30T08:00:00.500Z', dateModified: '2017-09-30T08:00:00.500Z' });
  });

  it('falls back to publishedAt for a row stored before firstPublishedAt existed', () => {
    expect(resolveArticleDates({ publishedAt: '2017-09-30T08:00:00.000Z', updatedAt: '2017-09-29T08:00:00.000Z' })).toEqual({
      datePublished: '2017-09-30T08:00:00.000Z',
      dateModified: '2017-09-30T08:00:00.000Z',
    });
  });

  it('gives a never-published draft no datePublished', () => {
    expect(resolveArticleDates({ publishedAt: null, updatedAt: '2017-09-29T08:00:00.000Z' })).toEqual({
      datePublished: null,
      dateModified: '2017-09-29T08:00:00.000Z',
    });
  });

  it('accepts Dates and ignores what is not a date', () => {
    expect(resolveArticleDates({ firstPublishedAt: 'garbage', publishedAt: new Date('2017-09-30T08:00:00Z'), updatedAt: undefined })).toEqual({
      datePublished: '2017-09-30T08:00:00.000Z',
      dateModified: '2017-09-30T08:00:00.000Z',
    });
  });
});
