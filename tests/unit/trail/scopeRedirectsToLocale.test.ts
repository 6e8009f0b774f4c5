import { scopeRedirectsToLocale } from '../../../src/core/trail/scopeRedirectsToLocale';

describe('scopeRedirectsToLocale: a list asked in a locale gets its rules and the locale-less ones', () => {
  it('keeps a locale’s own rules and the rules with no locale, never another locale’s', () => {
    const scope = scopeRedirectsToLocale('en');
    expect(scope).toEqual({ kind: 'locale', locale: 'en', filters: { $or: [{ locale: { $eq: 'en' } }, { locale: { $null: true } }] } });
  });

  it('answers every rule when no locale is asked, or *', () => {
    for (const asked of [undefined, null, '', '*']) expect(scopeRedirectsToLocale(asked)).toEqual({ kind: 'every-locale' });
  });

  it('takes a code as given, known or not', () => {
    expect(scopeRedirectsToLocale('pt-BR')).toMatchObject({ kind: 'locale', locale: 'pt-BR' });
    expect(scopeRedirectsToLocale('zz')).toMatchObject({ kind: 'locale', locale: 'zz' });
  });

  it('refuses what a query string parses to an array or an object', () => {
    for (const asked of [['fr', 'en'], { $ne: 'fr' }, 42, true]) {
      expect(scopeRedirectsToLocale(asked)).toEqual({ kind: 'invalid', message: expect.stringContaining('locale') });
    }
  });
});
