import fc from 'fast-check';
import type { CreditDraft } from '../../../src/core/wordpress/extractCreditLines';
import { compareSources, foldSourceName, matchSourceHint, mergeSourceHints, registrableLabel } from '../../../src/core/wordpress/matchSourceHint';

const KNOWN = [
  { name: 'RT', website: 'https://www.rt.com' },
  { name: 'Réseau International', website: 'https://reseauinternational.net' },
  { name: 'BBC News', website: 'https://www.bbc.co.uk' },
  { name: 'Le Monde diplomatique', website: null },
  { name: 'Example Wire' },
];

describe('matchSourceHint', () => {
  it('finds a source by host, ignoring the scheme and www.', () => {
    expect(matchSourceHint({ website: 'https://www.rt.com' }, KNOWN)).toBe(0);
    expect(matchSourceHint({ website: 'http://rt.com' }, KNOWN)).toBe(0);
    expect(matchSourceHint({ website: 'https://www.reseauinternational.net' }, KNOWN)).toBe(1);
    expect(matchSourceHint({ website: 'https://www.bbc.co.uk' }, [{ name: 'Beeb', website: 'bbc.co.uk' }])).toBe(0);
  });

  it('finds a source by its name, case, accents and punctuation folded', () => {
    expect(matchSourceHint({ name: 'reseau international' }, KNOWN)).toBe(1);
    expect(matchSourceHint({ name: 'RÉSEAU-INTERNATIONAL' }, KNOWN)).toBe(1);
    expect(matchSourceHint({ name: 'Le Monde Diplomatique.' }, KNOWN)).toBe(3);
    expect(matchSourceHint({ name: 'example wire' }, KNOWN)).toBe(4);
  });

  it('matches a name to the label of a host, left of its public suffix', () => {
    expect(matchSourceHint({ website: 'https://francais.rt.com' }, KNOWN)).toBe(0);
    expect(matchSourceHint({ name: 'RT' }, [{ name: 'Russia Today', website: 'https://www.rt.com' }])).toBe(0);
    expect(matchSourceHint({ name: 'Réseau International' }, [{ name: 'RI', website: 'https://reseauinternational.net' }])).toBe(0);
    expect(matchSourceHint({ name: 'BBC' }, [{ name: 'British Broadcasting', website: 'https://news.bbc.co.uk' }])).toBe(0);
    expect(matchSourceHint({ name: 'ABC' }, [{ name: 'ABC Australia', website: 'https://www.abc.net.au' }])).toBe(0);
    expect(matchSourceHint({ website: 'https://www.smh.com.au/world' }, [{ name: 'SMH' }])).toBe(0);
  });

  it('finds nothing for an unknown outlet, an empty hint or an empty list', () => {
    expect(matchSourceHint({ name: 'Sputnik', website: 'https://sputniknews.com' }, KNOWN)).toBe(-1);
    expect(matchSourceHint({}, KNOWN)).toBe(-1);
    expect(matchSourceHint({ name: 'RT' }, [])).toBe(-1);
    expect(matchSourceHint({ website: 'not a url at all' }, KNOWN)).toBe(-1);
  });

  it('does not match two outlets on different domains because their names agree', () => {
    expect(matchSourceHint({ name: 'The Independent', website: 'https://www.independent.ie' }, [{ name: 'The Independent', website: 'https://www.independent.co.uk' }])).toBe(-1);
  });

  it('prefers the same host to the same name, and the same name to a label', () => {
    const known = [{ name: 'rt' }, { name: 'RT France', website: 'https://francais.rt.com' }, { name: 'RT' }];
    expect(matchSourceHint({ name: 'RT', website: 'https://francais.rt.com/x' }, known)).toBe(1);
    expect(matchSourceHint({ name: 'RT' }, known)).toBe(0);
  });

  it('reads public suffixes of two labels from its short list', () => {
    expect(registrableLabel('news.bbc.co.uk')).toBe('bbc');
    expect(registrableLabel('www.rt.com')).toBe('rt');
    expect(registrableLabel('co.uk')).toBe('co');
    expect(registrableLabel('localhost')).toBeNull();
    expect(registrableLabel('127.0.0.1')).toBeNull();
  });

  const name = fc.stringMatching(/^[A-Za-zÀ-ÿ][A-Za-zÀ-ÿ0-9 '’.-]{0,30}$/);
  const host = fc.tuple(fc.stringMatching(/^[a-z][a-z0-9]{0,12}$/), fc.constantFrom('com', 'net', 'fr', 'co.uk', 'com.au')).map(([label, tld]) => `${label}.${tld}`);
  const hint = fc.record({ name: fc.option(name, { nil: undefined }), website: fc.option(host.map((h) => `https://www.${h}`), { nil: undefined }) });

  it('matches whatever the case or accents of the name (property)', () => {
    fc.assert(
      fc.property(name, (written) => {
        fc.pre(foldSourceName(written) !== '');
        const variants = [written.toUpperCase(), written.toLowerCase(), written.normalize('NFD').replace(/\p{M}/gu, ''), written.normalize('NFD')];
        for (const variant of variants) expect(matchSourceHint({ name: variant }, [{ name: written }])).toBe(0);
      }),
    );
  });

  it('is symmetric: a hint names a source when that source, as a hint, names it (property)', () => {
    fc.assert(
      fc.property(hint, hint, (a, b) => {
        expect(compareSources(a, b)).toBe(compareSources(b, a));
        const asKnown = (h: typeof a) => ({ name: h.name ?? '', website: h.website ?? null });
        expect(matchSourceHint(a, [asKnown(b)]) === 0).toBe(matchSourceHint(b, [asKnown(a)]) === 0);
      }),
    );
  });

  it('always finds a source among others by its own website or name (property)', () => {
    fc.assert(
      fc.property(fc.array(hint, { minLength: 1, maxLength: 6 }), fc.nat(), (hints, pick) => {
        const known = hints.map((h) => ({ name: h.name ?? '', website: h.website ?? null }));
        const index = pick % known.length;
        fc.pre(foldSourceName(known[index].name) !== '' || known[index].website !== null);
        const found = matchSourceHint(hints[index], known);
        expect(found).toBeGreaterThanOrEqual(0);
        expect(compareSources(hints[index], known[found])).toBeGreaterThanOrEqual(compareSources(hints[index], known[index]));
      }),
    );
  });
});

describe('mergeSourceHints', () => {
  const url = 'https://www.rt.com/news/405007-north-korea-russia-meeting/';

  it('names a URL-only source after a credit of the same footer, and gives that one its website', () => {
    const credits: CreditDraft[] = [
      { role: 'original', url, source: { website: 'https://www.rt.com' } },
      { role: 'photo', caption: 'Une vidéo', source: { name: 'RT' } },
      { role: 'translation', person: 'Avic', language: 'fr', source: { name: 'Réseau International' } },
    ];
    expect(mergeSourceHints(credits)).toEqual([
      { role: 'original', url, source: { name: 'RT', website: 'https://www.rt.com' } },
      { role: 'photo', caption: 'Une vidéo', source: { name: 'RT', website: 'https://www.rt.com' } },
      { role: 'translation', person: 'Avic', language: 'fr', source: { name: 'Réseau International' } },
    ]);
  });

  it('leaves sources that name different outlets apart, and its input unchanged', () => {
    const credits: CreditDraft[] = [
      { role: 'original', source: { website: 'https://sputniknews.com' } },
      { role: 'photo', source: { name: 'AFP' } },
      { role: 'author', person: 'Jane Doe' },
    ];
    const copy = JSON.parse(JSON.stringify(credits));
    expect(mergeSourceHints(credits)).toEqual(copy);
    expect(credits).toEqual(copy);
    expect(mergeSourceHints(credits)[0]).not.toBe(credits[0]);
  });

  it('fills a named source’s website from a named source with one of the same name', () => {
    const credits: CreditDraft[] = [
      { role: 'original', source: { name: 'RT', website: 'https://www.rt.com' } },
      { role: 'photo', source: { name: 'rt' } },
    ];
    expect(mergeSourceHints(credits)[1].source).toEqual({ name: 'rt', website: 'https://www.rt.com' });
  });
});
