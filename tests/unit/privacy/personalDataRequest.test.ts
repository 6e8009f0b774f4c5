import { isRequestProblem, readPersonalDataRequest } from '../../../src/core/privacy';

describe('readPersonalDataRequest', () => {
  it('reads an address, lowercased and trimmed, or an account id', () => {
    expect(readPersonalDataRequest({ email: ' Lea@Example.ORG ' }, 'export')).toEqual({ subject: { kind: 'email', email: 'lea@example.org' }, deleteText: false });
    expect(readPersonalDataRequest({ userId: 7 }, 'export')).toEqual({ subject: { kind: 'account', userId: 7 }, deleteText: false });
    expect(readPersonalDataRequest({ userId: '7', deleteText: true }, 'erase')).toEqual({ subject: { kind: 'account', userId: 7 }, deleteText: true });
  });

  it.each([
    [null, 'email'],
    [[], 'email'],
    [{}, 'email'],
    [{ email: 'a@example.org', userId: 1 }, 'userId'],
    [{ email: 'not an address' }, 'email'],
    [{ email: 42 }, 'email'],
    [{ email: `${'a'.repeat(250)}@example.org` }, 'email'],
    [{ userId: 0 }, 'userId'],
    [{ userId: 1.5 }, 'userId'],
    [{ userId: '1 OR 1=1' }, 'userId'],
    [{ email: 'a@example.org', name: 'x' }, 'name'],
    [{ email: 'a@example.org', deleteText: 'yes' }, 'deleteText'],
  ])('names the field wrong in %j', (body, path) => {
    const read = readPersonalDataRequest(body, 'erase');
    expect(isRequestProblem(read)).toBe(true);
    expect(read).toMatchObject({ path });
  });

  it('refuses deleteText on an export', () => {
    expect(readPersonalDataRequest({ email: 'a@example.org', deleteText: true }, 'export')).toMatchObject({ path: 'deleteText' });
  });
});
