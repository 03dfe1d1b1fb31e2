import { SESv2Client } from '@aws-sdk/client-sesv2';
import { createDeliverer } from '../../../functions/app/create-deliverer';
import { signLinkToken } from '../../../functions/shared/links/signed-links';
import { addNeighbour, scheduleBuurtbabbel } from '../../support/buurtbabbel-fixtures';
import { createTestApp, linkSecret } from '../../support/test-app';
import { MailDeliveryError } from '../../../functions/mail/mail-delivery-error';
import { createSesMailer } from '../../../functions/mail/ses-mailer';
import { standInCredentials, startAwsStandIn, type AwsStandIn, type StandInAnswer } from '../../support/aws-stand-in';
import { mimeShape, mimeTree } from './support/mime-tree';
import { meetingMail } from './support/meeting-mail';

/**
 * The SES mailer against a stand-in of the SES v2 API on loopback: the real SDK serialises the
 * SendEmail request (the raw MIME nodemailer composed) and parses SES's answers and errors.
 */
const INVITATION_SHAPE = 'multipart/mixed(multipart/alternative(text/plain,text/html,text/calendar),application/ics)';

describe('SES mailer', () => {
  let ses: AwsStandIn;
  let client: SESv2Client;
  let next: StandInAnswer;

  beforeAll(async () => {
    ses = await startAwsStandIn(() => next);
    client = new SESv2Client({ region: 'eu-west-1', endpoint: ses.endpoint, credentials: standInCredentials, maxAttempts: 1 });
  });

  afterAll(async () => {
    client.destroy();
    await ses.close();
  });

  beforeEach(() => {
    ses.requests.splice(0);
    next = { status: 200, body: { MessageId: '010201936b1c-example-000000' } };
  });

  it('sends the same MIME as over SMTP, raw, with the configuration set', async () => {
    const mailer = createSesMailer({ region: 'eu-west-1', configurationSet: 'destek-dev' }, client);
    const result = await mailer.send(meetingMail('invitation', 0));
    expect(ses.requests).toHaveLength(1);
    const [request] = ses.requests;
    expect(request).toMatchObject({ method: 'POST', path: '/v2/email/outbound-emails' });
    const body = JSON.parse(request.body);
    expect(body.ConfigurationSetName).toBe('destek-dev');
    expect(body.Destination.ToAddresses).toEqual(['jan@example.org']);
    const raw = Buffer.from(body.Content.Raw.Data, 'base64').toString('utf8');
    expect(mimeShape(mimeTree(raw))).toBe(INVITATION_SHAPE);
    expect(raw).toMatch(/^Message-ID: <meeting-01HZX8\.0\.jan@destek\.local>/m);
    expect(raw).toMatch(/METHOD:REQUEST/);
    expect(result).toMatchObject({
      messageId: '<010201936b1c-example-000000@eu-west-1.amazonses.com>',
      accepted: ['jan@example.org'],
      rejected: [],
    });
  });

  it('treats refusals by SES as temporary, so a sandbox or account problem never suppresses an address', async () => {
    next = {
      status: 400,
      headers: { 'x-amzn-errortype': 'MessageRejected' },
      body: { message: 'Email address is not verified. The following identities failed the check: jan@example.org' },
    };
    const error = await createSesMailer({ region: 'eu-west-1' }, client)
      .send(meetingMail('invitation', 0))
      .catch((caught) => caught);
    expect(error).toBeInstanceOf(MailDeliveryError);
    expect(error).toMatchObject({ permanent: false, code: 'MessageRejected', source: 'SES_MessageRejected' });
    expect(error.message).not.toContain('jan@example.org');

    next = {
      status: 429,
      headers: { 'x-amzn-errortype': 'TooManyRequestsException' },
      body: { message: 'Maximum sending rate exceeded.' },
    };
    expect(
      await createSesMailer({ region: 'eu-west-1' }, client)
        .send(meetingMail('invitation', 0))
        .catch((caught) => caught),
    ).toMatchObject({ permanent: false, source: 'SES_TooManyRequestsException' });
  });

  it('treats a malformed request as permanent: sending it again fails the same way', async () => {
    next = { status: 400, headers: { 'x-amzn-errortype': 'BadRequestException' }, body: { message: 'Illegal address' } };
    expect(
      await createSesMailer({ region: 'eu-west-1' }, client)
        .send(meetingMail('invitation', 0))
        .catch((caught) => caught),
    ).toMatchObject({ permanent: true, source: 'SES_BadRequestException' });
  });
});

/**
 * The deployed path of a buurtbabbel mail: the round writes the outbox, deliver-outbox renders it
 * and sends it through the SES mailer (the stand-in keeps the raw MIME SES would receive).
 */
describe('buurtbabbel mail through deliver-outbox and SES', () => {
  let ses: AwsStandIn;
  let client: SESv2Client;

  beforeAll(async () => {
    ses = await startAwsStandIn(() => ({ status: 200, body: { MessageId: '010201936b1c-example-000001' } }));
    client = new SESv2Client({ region: 'eu-west-1', endpoint: ses.endpoint, credentials: standInCredentials, maxAttempts: 1 });
  });

  afterAll(async () => {
    client.destroy();
    await ses.close();
  });

  const sent = (from: number) =>
    ses.requests.slice(from).map((request) => {
      const body = JSON.parse(request.body);
      const raw = Buffer.from(body.Content.Raw.Data, 'base64').toString('utf8');
      return { body, raw, tree: mimeTree(raw) };
    });

  it('keeps the one-click unsubscribe headers and the .ics of a confirmation', async () => {
    const t = await createTestApp({ now: '2026-12-06T18:00:00Z' });
    const neighbour = await addNeighbour(t, { email: 'lotte@kapsalon.be' });
    const babbel = await scheduleBuurtbabbel(t);
    const deliver = () =>
      createDeliverer(t.app, createSesMailer({ region: 'eu-west-1', configurationSet: 'destek-dev' }, client)).deliverDue();
    await t.app.buurtbabbels.runDueRounds(new Date(babbel.invitationsAt));
    t.clock.advance(60_000);

    expect(await deliver()).toMatchObject({ sent: 1, failed: 0, retried: 0 });
    const [invitation] = sent(0);
    expect(invitation.body).toMatchObject({ ConfigurationSetName: 'destek-dev', Destination: { ToAddresses: ['lotte@kapsalon.be'] } });
    expect(mimeShape(invitation.tree)).toBe('multipart/alternative(text/plain,text/html)');
    const unsubscribe = invitation.tree.headers['list-unsubscribe'];
    expect(unsubscribe).toMatch(
      /^<https:\/\/destek\.test\/unsubscribe\?token=[^>]+>, <mailto:overleg@destek\.test\?subject=Afmelden%20buurtbabbels>$/,
    );
    expect(invitation.tree.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');

    const token = await signLinkToken(
      linkSecret,
      'buurtbabbel-answer',
      { buurtbabbelId: babbel.id, neighbourId: neighbour.id },
      new Date('2027-01-01T00:00:00Z'),
      t.clock.now(),
    );
    const answered = await t.request({
      method: 'POST',
      path: '/buurtbabbel/answer',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token, answer: 'YES' }).toString(),
    });
    expect(answered.status).toBe(200);
    expect(await deliver()).toMatchObject({ sent: 1, failed: 0 });
    const [confirmation] = sent(1);
    expect(mimeShape(confirmation.tree)).toBe('multipart/mixed(multipart/alternative(text/plain,text/html,text/calendar),application/ics)');
    expect(confirmation.tree.children[0].children[2].contentType).toMatch(/^text\/calendar; .*method=PUBLISH/);
    expect(confirmation.tree.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
    expect(confirmation.tree.headers['list-unsubscribe']).toMatch(/^<https:\/\/destek\.test\/unsubscribe\?token=/);
    expect(confirmation.raw).toMatch(/METHOD:PUBLISH/);
  });
});
