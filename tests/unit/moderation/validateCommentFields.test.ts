import { DEFAULT_MODERATION_RULES, validateCommentFields } from '../../../src/core/moderation';

const rules = DEFAULT_MODERATION_RULES;
const valid = { authorName: 'Jeanne', authorEmail: 'jeanne@example.org', body: 'Merci pour cet article.' };

describe('validateCommentFields', () => {
  it('trims the fields and lower-cases the email', () => {
    expect(
      validateCommentFields({ authorName: '  Jeanne ', authorEmail: ' Jeanne@Example.ORG ', body: '\n Merci !\n\n' }, rules),
    ).toEqual({ ok: true, value: { authorName: 'Jeanne', authorEmail: 'jeanne@example.org', body: 'Merci !' } });
  });

  it('keeps line breaks and tabs inside the body', () => {
    const result = validateCommentFields({ ...valid, body: 'ligne 1\r\n\tligne 2' }, rules);
    expect(result).toEqual({ ok: true, value: { ...valid, body: 'ligne 1\r\n\tligne 2' } });
  });

  it.each([
    ['authorName', { authorName: '   ' }],
    ['authorName', { authorName: undefined }],
    ['authorName', { authorName: 42 }],
    ['authorName', { authorName: 'a'.repeat(246) }],
    ['authorName', { authorName: 'Jea\u0000nne' }],
    ['authorName', { authorName: 'Jeanne\nDupont' }],
    ['authorEmail', { authorEmail: 'not-an-email' }],
    ['authorEmail', { authorEmail: 'a@b' }],
    ['authorEmail', { authorEmail: 'a b@example.org' }],
    ['authorEmail', { authorEmail: `${'a'.repeat(90)}@example.org` }],
    ['authorEmail', { authorEmail: ['jeanne@example.org'] }],
    ['body', { body: '' }],
    ['body', { body: ' \n\t ' }],
    ['body', { body: 'x'.repeat(5001) }],
    ['body', { body: 'hello\u0000world' }],
    ['body', { body: 'bell\u0007' }],
    ['body', { body: { text: 'hi' } }],
  ])('rejects a bad %s (%j)', (field, override) => {
    const result = validateCommentFields({ ...valid, ...override }, rules);
    expect(result).toMatchObject({ ok: false, field });
    if (!result.ok) expect(result.message).toMatch(/\S/);
  });

  it('accepts values exactly at the limits', () => {
    const result = validateCommentFields(
      { authorName: 'a'.repeat(245), authorEmail: `${'a'.repeat(88)}@example.org`, body: 'x'.repeat(5000) },
      rules,
    );
    expect(result.ok).toBe(true);
  });

  it('measures the body after trimming', () => {
    expect(validateCommentFields({ ...valid, body: `  ${'x'.repeat(5000)}  ` }, rules).ok).toBe(true);
  });

  it('names the field in the message', () => {
    expect(validateCommentFields({ ...valid, body: 'x'.repeat(5001) }, rules)).toEqual({
      ok: false,
      field: 'body',
      message: 'Comment must be at most 5000 characters',
    });
  });
});
