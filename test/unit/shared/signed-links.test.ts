import { LinkTokenError, signLinkToken, verifyLinkToken } from '../../../functions/shared/links/signed-links';

const secret = 'a-link-secret-that-is-long-enough-0123456789';
const now = new Date('2026-12-01T09:00:00Z');

describe('signed link tokens', () => {
  it('round-trips the claims until they expire', async () => {
    const token = await signLinkToken(secret, 'rsvp', { meetingId: 'm', partnerId: 'p' }, new Date('2026-12-02T00:00:00Z'), now);
    await expect(verifyLinkToken(secret, 'rsvp', token, now)).resolves.toMatchObject({ meetingId: 'm', partnerId: 'p', purpose: 'rsvp' });
    await expect(verifyLinkToken(secret, 'rsvp', token, new Date('2026-12-02T00:01:00Z'))).rejects.toMatchObject({ reason: 'expired' });
  });

  it('refuses another key and a tampered token', async () => {
    const token = await signLinkToken(secret, 'rsvp', { meetingId: 'm' }, new Date('2026-12-02T00:00:00Z'), now);
    await expect(verifyLinkToken(`${secret}x`, 'rsvp', token, now)).rejects.toBeInstanceOf(LinkTokenError);
    const [header, payload, signature] = token.split('.');
    const forged = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), meetingId: 'other' }),
    ).toString('base64url');
    await expect(verifyLinkToken(secret, 'rsvp', `${header}.${forged}.${signature}`, now)).rejects.toMatchObject({ reason: 'invalid' });
  });
});
