import { SESv2Client } from '@aws-sdk/client-sesv2';
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
    expect(result).toMatchObject({ messageId: '<010201936b1c-example-000000@eu-west-1.amazonses.com>', accepted: ['jan@example.org'], rejected: [] });
  });

  it('treats refusals by SES as temporary, so a sandbox or account problem never suppresses an address', async () => {
    next = { status: 400, headers: { 'x-amzn-errortype': 'MessageRejected' }, body: { message: 'Email address is not verified. The following identities failed the check: jan@example.org' } };
    const error = await createSesMailer({ region: 'eu-west-1' }, client).send(meetingMail('invitation', 0)).catch((caught) => caught);
    expect(error).toBeInstanceOf(MailDeliveryError);
    expect(error).toMatchObject({ permanent: false, code: 'MessageRejected', source: 'SES_MessageRejected' });
    expect(error.message).not.toContain('jan@example.org');

    next = { status: 429, headers: { 'x-amzn-errortype': 'TooManyRequestsException' }, body: { message: 'Maximum sending rate exceeded.' } };
    expect(await createSesMailer({ region: 'eu-west-1' }, client).send(meetingMail('invitation', 0)).catch((caught) => caught)).toMatchObject({ permanent: false, source: 'SES_TooManyRequestsException' });
  });

  it('treats a malformed request as permanent: sending it again fails the same way', async () => {
    next = { status: 400, headers: { 'x-amzn-errortype': 'BadRequestException' }, body: { message: 'Illegal address' } };
    expect(await createSesMailer({ region: 'eu-west-1' }, client).send(meetingMail('invitation', 0)).catch((caught) => caught)).toMatchObject({ permanent: true, source: 'SES_BadRequestException' });
  });
});
