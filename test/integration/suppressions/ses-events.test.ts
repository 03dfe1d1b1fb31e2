import type { SNSEvent } from 'aws-lambda';
import { sesEventsHandler } from '../../../functions/handlers/ses-events';
import { SuppressionsService } from '../../../functions/modules/suppressions/suppressions.service';
import { SuppressionsRepository } from '../../../functions/modules/suppressions/suppressions.repository';
import { createDocumentClient } from '../../../functions/shared/dynamodb/client';
import { createLogger } from '../../../functions/shared/logger';
import { addNeighbour, readBuurtbabbel, scheduleBuurtbabbel } from '../../support/buurtbabbel-fixtures';
import { createTestApp, createTestTable, dynamoEndpoint } from '../../support/test-app';

/**
 * SES bounce and complaint events as SES publishes them through a configuration set's SNS
 * destination (shapes from the SES developer guide), handled against DynamoDB Local.
 */
const mail = {
  timestamp: '2026-12-01T09:00:00.000Z',
  source: 'Locon De Stek <overleg@destek.example.be>',
  sourceArn: 'arn:aws:ses:eu-west-1:123456789012:identity/destek.example.be',
  sendingAccountId: '123456789012',
  messageId: '010201936b1c-example-000000',
  destination: ['weg@example.be'],
  headersTruncated: false,
  commonHeaders: {
    from: ['Locon De Stek <overleg@destek.example.be>'],
    to: ['weg@example.be'],
    messageId: '<meeting.1.v1.abc@destek.example.be>',
    subject: 'Uitnodiging',
  },
  tags: { 'ses:configuration-set': ['destek-dev'], 'ses:source-ip': ['192.0.2.0'], 'ses:from-domain': ['destek.example.be'] },
};

const permanentBounce = {
  eventType: 'Bounce',
  bounce: {
    feedbackId: '010201936b1d-bounce-000000',
    bounceType: 'Permanent',
    bounceSubType: 'General',
    bouncedRecipients: [
      { emailAddress: 'Weg@Example.be', action: 'failed', status: '5.1.1', diagnosticCode: 'smtp; 550 5.1.1 user unknown' },
    ],
    timestamp: '2026-12-01T09:00:02.669Z',
    reportingMTA: 'dsn; a1-2.smtp-out.eu-west-1.amazonses.com',
  },
  mail,
};

const transientBounce = {
  eventType: 'Bounce',
  bounce: {
    ...permanentBounce.bounce,
    bounceType: 'Transient',
    bounceSubType: 'MailboxFull',
    bouncedRecipients: [{ emailAddress: 'vol@example.be', status: '4.2.2' }],
  },
  mail,
};

const complaint = {
  eventType: 'Complaint',
  complaint: {
    feedbackId: '010201936b1e-complaint-000000',
    complaintSubType: null,
    complainedRecipients: [{ emailAddress: 'boos@example.be' }],
    timestamp: '2026-12-02T10:15:00.000Z',
    userAgent: 'Mozilla/5.0',
    complaintFeedbackType: 'abuse',
    arrivalDate: '2026-12-02T10:14:58.000Z',
  },
  mail,
};

/** An identity's feedback notification (notificationType), the other format SES uses. */
const notification = {
  notificationType: 'Bounce',
  bounce: {
    bounceType: 'Permanent',
    bounceSubType: 'OnAccountSuppressionList',
    bouncedRecipients: [{ emailAddress: 'lijst@example.be' }],
    timestamp: '2026-12-03T08:00:00.000Z',
  },
  mail,
};

const delivery = {
  eventType: 'Delivery',
  delivery: { timestamp: '2026-12-01T09:00:01.000Z', recipients: ['jan@example.be'], smtpResponse: '250 ok' },
  mail,
};

function snsEvent(...messages: (object | string)[]): SNSEvent {
  return {
    Records: messages.map((message, index) => ({
      EventSource: 'aws:sns',
      EventVersion: '1.0',
      EventSubscriptionArn: 'arn:aws:sns:eu-west-1:123456789012:DeStek-dev-MailEvents:sub',
      Sns: {
        Type: 'Notification',
        MessageId: `msg-${index}`,
        TopicArn: 'arn:aws:sns:eu-west-1:123456789012:DeStek-dev-MailEvents',
        Subject: '',
        Message: typeof message === 'string' ? message : JSON.stringify(message),
        Timestamp: '2026-12-01T09:00:03.000Z',
        SignatureVersion: '1',
        Signature: 'x',
        SigningCertUrl: 'https://sns.eu-west-1.amazonaws.com/cert.pem',
        UnsubscribeUrl: 'https://sns.eu-west-1.amazonaws.com/?Action=Unsubscribe',
        MessageAttributes: {},
      },
    })),
  };
}

describe('ses-events handler', () => {
  let suppressions: SuppressionsRepository;
  let handle: ReturnType<typeof sesEventsHandler>;
  const logLines: string[] = [];

  beforeAll(async () => {
    const db = createDocumentClient({ region: 'eu-west-1', endpoint: dynamoEndpoint() });
    suppressions = new SuppressionsRepository(db, await createTestTable());
    handle = sesEventsHandler(
      new SuppressionsService(
        suppressions,
        createLogger('info', {}, (line) => logLines.push(line)),
      ),
    );
  });

  it('suppresses an address that bounced for good, as of the bounce', async () => {
    expect(await handle(snsEvent(permanentBounce))).toEqual({ suppressed: 1, ignored: 0, unreadable: 0 });
    expect(await suppressions.find('weg@example.be')).toMatchObject({
      email: 'weg@example.be',
      reason: 'BOUNCED',
      source: 'SES_BOUNCE_Permanent_General',
      at: '2026-12-01T09:00:02.669Z',
    });
  });

  it('suppresses a complaining address, and one SES already had on its suppression list', async () => {
    await handle(snsEvent(complaint, notification));
    expect(await suppressions.find('boos@example.be')).toMatchObject({
      reason: 'COMPLAINED',
      source: 'SES_COMPLAINT_abuse',
      at: '2026-12-02T10:15:00.000Z',
    });
    expect(await suppressions.find('lijst@example.be')).toMatchObject({
      reason: 'BOUNCED',
      source: 'SES_BOUNCE_Permanent_OnAccountSuppressionList',
    });
  });

  it('leaves transient bounces and deliveries alone', async () => {
    expect(await handle(snsEvent(transientBounce, delivery))).toEqual({ suppressed: 0, ignored: 2, unreadable: 0 });
    expect(await suppressions.find('vol@example.be')).toBeUndefined();
    expect(await suppressions.find('jan@example.be')).toBeUndefined();
  });

  it('keeps the first verdict when SNS delivers an event again', async () => {
    await handle(
      snsEvent({ ...complaint, complaint: { ...complaint.complaint, complainedRecipients: [{ emailAddress: 'weg@example.be' }] } }),
    );
    expect(await suppressions.find('weg@example.be')).toMatchObject({ reason: 'BOUNCED', source: 'SES_BOUNCE_Permanent_General' });
  });

  it('drops a message that is not an SES event instead of failing the batch, and logs no address', async () => {
    expect(await handle(snsEvent('not json', permanentBounce))).toEqual({ suppressed: 1, ignored: 0, unreadable: 1 });
    expect(logLines.join('\n')).not.toMatch(/@example\.be/);
  });
});

describe('an SES bounce for a neighbour', () => {
  it('shows on the contact as bouncing and keeps it out of the next buurtbabbel round', async () => {
    const t = await createTestApp();
    const coordinator = await t.token('COORDINATOR');
    const [bounced, fine] = [await addNeighbour(t), await addNeighbour(t)];
    const bounce = {
      ...permanentBounce,
      bounce: {
        ...permanentBounce.bounce,
        bouncedRecipients: [{ emailAddress: bounced.email.toUpperCase(), action: 'failed', status: '5.1.1' }],
      },
    };
    const handle = sesEventsHandler(new SuppressionsService(t.app.repositories.suppressions, createLogger('silent')));

    expect(await handle(snsEvent(bounce))).toEqual({ suppressed: 1, ignored: 0, unreadable: 0 });

    const read = await t.graphql(
      `{ a: neighbour(id: "${bounced.id}") { bouncing } b: neighbour(id: "${fine.id}") { bouncing } }`,
      undefined,
      coordinator,
    );
    expect(read.data).toEqual({ a: { bouncing: true }, b: { bouncing: false } });
    const babbel = await scheduleBuurtbabbel(t);
    expect(await t.app.buurtbabbels.runDueRounds(new Date(babbel.invitationsAt))).toMatchObject({ rounds: 1, invitations: 1 });
    expect((await readBuurtbabbel(t, babbel.id)).invitedCount).toBe(1);
  });
});
