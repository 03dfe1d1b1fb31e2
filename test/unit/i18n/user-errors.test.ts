import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { messageIn, translateError, translatePayloads } from '../../../functions/graphql/error-language';
import { userErrorTexts } from '../../../functions/shared/i18n/messages/user-errors.en';

/** Every refusal code the source uses: `UserInputError.single('CODE'` and `code: 'CODE'` outside extensions. */
function codesInSource(dir: string, found = new Set<string>()): Set<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      // Generated types, mail transport codes (EMESSAGE) and local tooling are no refusals.
      if (!['generated', 'mail', 'local'].includes(entry.name)) codesInSource(path, found);
    } else if (entry.name.endsWith('.ts')) {
      const source = readFileSync(path, 'utf8');
      for (const m of source.matchAll(/(?:UserInputError\.single|new NeighbourCsvError)\(\s*'([A-Z_]+)'/g)) found.add(m[1]);
      for (const m of source.matchAll(/(?<!extensions: \{ )code: '([A-Z_]+)'/g)) found.add(m[1]);
    }
  }
  return found;
}

describe('English texts of refusals', () => {
  const codes = codesInSource(join(__dirname, '../../../functions'));

  it('finds the codes in the source (the scan itself works)', () => {
    expect(codes.size).toBeGreaterThan(50);
    expect(codes).toContain('VERSION_CONFLICT');
    expect(codes).toContain('START_IN_PAST');
  });

  it('has an English text for every code used in functions/ (missing key)', () => {
    expect([...codes].filter((code) => !userErrorTexts[code])).toEqual([]);
  });

  it('keeps the Dutch message for Dutch callers and for a code it does not know', () => {
    expect(messageIn('nl', 'START_IN_PAST', 'Het begin moet in de toekomst liggen.')).toBe('Het begin moet in de toekomst liggen.');
    expect(messageIn('en', 'START_IN_PAST', 'Het begin moet in de toekomst liggen.')).toBe('The start must be in the future.');
    expect(messageIn('en', 'SOMETHING_NEW', 'Iets nieuws.')).toBe('Iets nieuws.');
  });

  it('rewrites nested userErrors lists and the refusals an error carries', () => {
    const data = { a: { thing: null, userErrors: [{ field: ['x'], code: 'TOO_LONG', message: 'Te lang.' }] }, b: [{ userErrors: [] }] };
    translatePayloads(data, 'en');
    expect(data.a.userErrors[0]).toEqual({ field: ['x'], code: 'TOO_LONG', message: 'This is too long.' });
    const error = translateError(
      { message: 'Te lang.', extensions: { code: 'BAD_USER_INPUT', userErrors: [{ code: 'TOO_LONG', message: 'Te lang.' }] } },
      'en',
    );
    expect(error.message).toBe('This is too long.');
    expect(error.extensions?.userErrors).toEqual([{ code: 'TOO_LONG', message: 'This is too long.' }]);
    // A local, exposed internal message is not the neutral one and stays as it is.
    expect(translateError({ message: 'boom', extensions: { code: 'INTERNAL_SERVER_ERROR' } }, 'en').message).toBe('boom');
  });
});
