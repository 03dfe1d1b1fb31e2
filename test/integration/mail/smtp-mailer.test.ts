import { simpleParser, type ParsedMail } from 'mailparser';
import { MailDeliveryError } from '../../../functions/mail/mail-delivery-error';
import type { OutgoingEmail } from '../../../functions/mail/mailer';
import { createSmtpMailer } from '../../../functions/mail/smtp-mailer';
import { parseIcs } from '../../support/parse-ics';
import { mimeShape, mimeTree, type MimePart } from './support/mime-tree';
import { ANSWER_LINKS, meetingMail } from './support/meeting-mail';
import { closedPort, smtpReply, startSilentServer, startSmtpTestServer, type SmtpTestServer } from '../../support/smtp-test-server';

const INVITATION_SHAPE = 'multipart/mixed(multipart/alternative(text/plain,text/html,text/calendar),application/ics)';

async function rejection(promise: Promise<unknown>): Promise<MailDeliveryError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof MailDeliveryError) return error;
    throw new Error(`expected a MailDeliveryError, got ${String(error)}`, { cause: error });
  }
  throw new Error('expected the send to fail');
}

/** Sends through a fresh server and returns what arrived there, raw and parsed. */
async function sendAndReceive(server: SmtpTestServer, email: OutgoingEmail) {
  const before = server.messages.length;
  const result = await createSmtpMailer(server.url).send(email);
  expect(server.messages).toHaveLength(before + 1);
  const received = server.messages[before];
  const raw = received.raw.toString('utf8');
  return { result, received, raw, tree: mimeTree(raw), parsed: await simpleParser(received.raw) };
}

function calendarPart(tree: MimePart): MimePart {
  const alternative = tree.children.find((part) => /^multipart\/alternative/i.test(part.contentType));
  const calendar = alternative?.children.find((part) => /^text\/calendar/i.test(part.contentType));
  if (!calendar) throw new Error('no text/calendar inside multipart/alternative');
  return calendar;
}

/** The decoded content of the text/calendar alternative and of the .ics attachment. */
function calendarContents(parsed: ParsedMail): { alternative: string; attachment: string; attachmentName?: string } {
  const alternative = parsed.attachments.find((a) => a.contentType === 'text/calendar');
  const attachment = parsed.attachments.find((a) => a.contentType === 'application/ics');
  if (!alternative || !attachment) throw new Error('calendar parts missing');
  return {
    alternative: alternative.content.toString('utf8'),
    attachment: attachment.content.toString('utf8'),
    attachmentName: attachment.filename,
  };
}

describe('createSmtpMailer', () => {
  let server: SmtpTestServer;

  beforeAll(async () => {
    server = await startSmtpTestServer();
  });

  afterAll(async () => {
    await server.close();
  });

  it('delivers an invitation as text, HTML and a REQUEST calendar part inside multipart/alternative', async () => {
    const email = meetingMail('invitation', 0);
    const { result, received, raw, tree, parsed } = await sendAndReceive(server, email);

    expect(result.messageId).toBe('<meeting-01HZX8.0.jan@destek.local>');
    expect(result.accepted).toEqual(['jan@example.org']);
    expect(result.rejected).toEqual([]);
    expect(result.response).toMatch(/^250 /);
    expect(received.from).toBe('overleg@destek.local');
    expect(received.to).toEqual(['jan@example.org']);

    expect(raw).not.toMatch(/[^\r]\n/);
    expect(raw).toMatch(/^Message-ID: <meeting-01HZX8\.0\.jan@destek\.local>\r$/m);
    expect(parsed.messageId).toBe('<meeting-01HZX8.0.jan@destek.local>');
    expect(parsed.subject).toBe('Uitnodiging: Overleg De Stek op donderdag 3 december 2026 om 19:30');

    expect(mimeShape(tree)).toBe(INVITATION_SHAPE);
    expect(calendarPart(tree).contentType).toBe('text/calendar; charset=utf-8; method=REQUEST');
    expect(calendarPart(tree).headers['content-disposition']).toBeUndefined();

    for (const body of [parsed.text ?? '', String(parsed.html)]) {
      expect(body).toContain('donderdag 3 december 2026, 19:30–21:30');
      expect(body).toContain('Sint-Pietersaalststraat 12, 9000 Gent');
      expect(body).toContain('Nieuwe projecten');
    }
    for (const url of Object.values(ANSWER_LINKS)) {
      expect(parsed.text).toContain(url);
      expect(parsed.html).toContain(`href="${url}"`);
    }

    const calendars = calendarContents(parsed);
    expect(calendars.attachment).toBe(calendars.alternative);
    expect(calendars.alternative).toBe(email.calendar?.content);
    expect(calendars.attachmentName).toBe('uitnodiging.ics');
    const ics = parseIcs(calendars.alternative);
    expect(ics.method).toBe('REQUEST');
    expect(ics.events).toHaveLength(1);
    expect(ics.events[0].uid).toBe('meeting-01HZX8@destek.local');
    expect(ics.events[0].sequence).toBe(0);
    expect(ics.events[0].start.toISOString()).toBe('2026-12-03T18:30:00.000Z');
    expect(ics.events[0].attendees.map((a) => [a.value, a.partstat, a.rsvp])).toEqual([['MAILTO:jan@example.org', 'NEEDS-ACTION', 'TRUE']]);
  });

  it('delivers an update as a REQUEST with the same UID and a higher SEQUENCE', async () => {
    const moved = { startsAt: new Date('2026-12-10T18:30:00Z'), endsAt: new Date('2026-12-10T20:30:00Z') };
    const { tree, parsed } = await sendAndReceive(server, meetingMail('update', 1, moved));

    expect(parsed.subject).toBe('Gewijzigd: Overleg De Stek op donderdag 10 december 2026 om 19:30');
    expect(parsed.text).toContain('donderdag 10 december 2026, 19:30–21:30');
    expect(parsed.messageId).toBe('<meeting-01HZX8.1.jan@destek.local>');
    expect(mimeShape(tree)).toBe(INVITATION_SHAPE);
    expect(calendarPart(tree).contentType).toBe('text/calendar; charset=utf-8; method=REQUEST');
    const ics = parseIcs(calendarContents(parsed).alternative);
    expect(ics.method).toBe('REQUEST');
    expect(ics.events[0].uid).toBe('meeting-01HZX8@destek.local');
    expect(ics.events[0].sequence).toBe(1);
    expect(ics.events[0].start.toISOString()).toBe(moved.startsAt.toISOString());
  });

  it('delivers a cancellation as a CANCEL calendar part without answer links', async () => {
    const { tree, parsed } = await sendAndReceive(server, meetingMail('cancellation', 2));

    expect(parsed.subject).toBe('Geannuleerd: Overleg De Stek op donderdag 3 december 2026 om 19:30');
    expect(parsed.text).toContain('Reden: Te weinig deelnemers');
    expect(parsed.text).not.toContain(ANSWER_LINKS.accept);
    expect(mimeShape(tree)).toBe(INVITATION_SHAPE);
    expect(calendarPart(tree).contentType).toBe('text/calendar; charset=utf-8; method=CANCEL');
    const calendars = calendarContents(parsed);
    expect(calendars.attachmentName).toBe('annulering.ics');
    const ics = parseIcs(calendars.alternative);
    expect(ics.method).toBe('CANCEL');
    expect(ics.events[0].uid).toBe('meeting-01HZX8@destek.local');
    expect(ics.events[0].sequence).toBe(2);
    expect(ics.events[0].status).toBe('CANCELLED');
  });

  it('sends a mail without calendar as plain multipart/alternative, with cc and custom headers', async () => {
    const { result, received, tree, raw } = await sendAndReceive(server, {
      messageId: '<review-7@destek.local>',
      from: 'Locon De Stek <overleg@destek.local>',
      to: 'jan@example.org',
      cc: ['an@example.org'],
      subject: 'Consolidatie',
      text: 'Hoe gaat het met het project?',
      html: '<p>Hoe gaat het met het project?</p>',
      headers: { 'X-Destek-Kind': 'review' },
    });

    expect(mimeShape(tree)).toBe('multipart/alternative(text/plain,text/html)');
    expect(received.to).toEqual(['jan@example.org', 'an@example.org']);
    expect(result.accepted).toEqual(['jan@example.org', 'an@example.org']);
    expect(raw).toMatch(/^X-Destek-Kind: review\r$/m);
    expect(raw).toMatch(/^Cc: an@example\.org\r$/m);
  });
});

describe('createSmtpMailer failures', () => {
  const servers: { close(): Promise<void> }[] = [];

  afterAll(async () => {
    await Promise.all(servers.map((s) => s.close()));
  });

  async function serverRefusing(handlers: Parameters<typeof startSmtpTestServer>[0]): Promise<SmtpTestServer> {
    const server = await startSmtpTestServer(handlers);
    servers.push(server);
    return server;
  }

  it('reports a 550 at RCPT TO as permanent', async () => {
    const server = await serverRefusing({ onRcptTo: (_address, _session, callback) => callback(smtpReply(550, 'No such user here')) });
    const error = await rejection(createSmtpMailer(server.url).send(meetingMail('invitation', 0)));

    expect(error.permanent).toBe(true);
    expect(error.responseCode).toBe(550);
    expect(error.code).toBe('EENVELOPE');
    expect(error.name).toBe('MailDeliveryError');
    expect(error.cause).toBeInstanceOf(Error);
    expect(error.message).not.toContain('jan@example.org');
    expect(server.messages).toHaveLength(0);
  });

  it('reports a 451 at RCPT TO as temporary', async () => {
    const server = await serverRefusing({
      onRcptTo: (_address, _session, callback) => callback(smtpReply(451, 'Greylisted, try again later')),
    });
    const error = await rejection(createSmtpMailer(server.url).send(meetingMail('invitation', 0)));

    expect(error.permanent).toBe(false);
    expect(error.responseCode).toBe(451);
  });

  it('reports a 554 after DATA as permanent and a 451 after DATA as temporary', async () => {
    const refusing554 = await serverRefusing({ rejectData: () => smtpReply(554, 'Message rejected as spam') });
    const permanent = await rejection(createSmtpMailer(refusing554.url).send(meetingMail('invitation', 0)));
    expect(permanent.permanent).toBe(true);
    expect(permanent.responseCode).toBe(554);

    const refusing451 = await serverRefusing({ rejectData: () => smtpReply(451, 'Local error in processing') });
    const temporary = await rejection(createSmtpMailer(refusing451.url).send(meetingMail('invitation', 0)));
    expect(temporary.permanent).toBe(false);
    expect(temporary.responseCode).toBe(451);
  });

  it('resolves when only some recipients are refused, and names them', async () => {
    const server = await serverRefusing({
      onRcptTo: (address, _session, callback) =>
        callback(address.address === 'an@example.org' ? smtpReply(550, 'No such user') : undefined),
    });
    const result = await createSmtpMailer(server.url).send({ ...meetingMail('invitation', 0), cc: ['an@example.org'] });

    expect(result.accepted).toEqual(['jan@example.org']);
    expect(result.rejected).toEqual(['an@example.org']);
    expect(server.messages[0].to).toEqual(['jan@example.org']);
  });

  it('reports a refused connection as temporary', async () => {
    const port = await closedPort();
    const error = await rejection(createSmtpMailer(`smtp://127.0.0.1:${port}`).send(meetingMail('invitation', 0)));

    expect(error.permanent).toBe(false);
    expect(error.responseCode).toBeUndefined();
    expect(error.code).toBe('ESOCKET');
    expect((error.cause as { code?: string }).code).toBe('ESOCKET');
  });

  it('gives up on a server that never greets, as a temporary failure', async () => {
    const silent = await startSilentServer();
    servers.push(silent);
    const started = Date.now();
    const error = await rejection(
      createSmtpMailer(`smtp://127.0.0.1:${silent.port}`, { greetingMs: 300 }).send(meetingMail('invitation', 0)),
    );

    expect(error.permanent).toBe(false);
    expect(error.code).toBe('ETIMEDOUT');
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('refuses a calendar part whose METHOD differs from the declared one, before connecting', async () => {
    const port = await closedPort();
    const email = meetingMail('invitation', 0);
    const error = await rejection(
      createSmtpMailer(`smtp://127.0.0.1:${port}`).send({ ...email, calendar: { method: 'CANCEL', content: email.calendar!.content } }),
    );

    expect(error.permanent).toBe(true);
    expect(error.message).toContain('METHOD:REQUEST');
  });
});
