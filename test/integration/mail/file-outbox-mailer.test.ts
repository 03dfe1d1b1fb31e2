import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { createFileOutboxMailer } from '../../../functions/mail/file-outbox-mailer';
import { MailDeliveryError } from '../../../functions/mail/mail-delivery-error';
import { createMailer } from '../../../functions/mail/mailer';
import { FixedClock } from '../../../functions/shared/clock';
import { parseConfig } from '../../../functions/shared/config';
import { parseIcs } from '../../support/parse-ics';
import { mimeShape, mimeTree } from './support/mime-tree';
import { ANSWER_LINKS, meetingMail } from './support/meeting-mail';
import { startSmtpTestServer } from '../../support/smtp-test-server';

/** The mail settings as the configuration decides them from the environment (the transport among them). */
const mailSettings = (env: Record<string, string>) => parseConfig(env, { linkSigningSecret: false });

describe('createFileOutboxMailer', () => {
  let root: string;

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'destek-outbox-'));
  });

  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('creates the folder and writes one complete .eml per message, named by time and message id', async () => {
    const dir = join(root, 'nested', 'outbox');
    const mailer = createFileOutboxMailer(dir, new FixedClock('2026-11-20T09:15:42.123Z'));

    const result = await mailer.send(meetingMail('invitation', 0));

    expect(await readdir(dir)).toEqual(['2026-11-20T091542.123Z-meeting-01HZX8.0.jan_destek.local.eml']);
    expect(result.messageId).toBe('<meeting-01HZX8.0.jan@destek.local>');
    expect(result.accepted).toEqual(['jan@example.org']);
    expect(result.response).toContain(dir);
  });

  it('writes the same MIME as SMTP sends: CRLF lines, the calendar alternative and the .ics attachment', async () => {
    const mailer = createFileOutboxMailer(root, new FixedClock('2026-11-20T09:15:42Z'));
    const email = meetingMail('invitation', 0);
    await mailer.send(email);
    const [file] = await readdir(root);
    const raw = await readFile(join(root, file));
    const text = raw.toString('utf8');

    expect(text).not.toMatch(/[^\r]\n/);
    const tree = mimeTree(text);
    expect(mimeShape(tree)).toBe('multipart/mixed(multipart/alternative(text/plain,text/html,text/calendar),application/ics)');
    expect(tree.children[0].children[2].contentType).toBe('text/calendar; charset=utf-8; method=REQUEST');

    const parsed = await simpleParser(raw);
    expect(parsed.messageId).toBe('<meeting-01HZX8.0.jan@destek.local>');
    expect(parsed.subject).toBe(email.subject);
    expect(parsed.text).toBe(email.text);
    expect(parsed.html).toBe(email.html);
    expect(parsed.html).toContain(`href="${ANSWER_LINKS.accept}"`);
    const calendar = parsed.attachments.find((a) => a.contentType === 'text/calendar');
    expect(calendar?.content.toString('utf8')).toBe(email.calendar?.content);
    const ics = parseIcs(calendar!.content.toString('utf8'));
    expect([ics.method, ics.events[0].uid, ics.events[0].sequence]).toEqual(['REQUEST', 'meeting-01HZX8@destek.local', 0]);

    // Byte for byte what the SMTP server receives, but for the random boundaries and the Date.
    const server = await startSmtpTestServer();
    try {
      await createMailer(mailSettings({ SMTP_URL: server.url, OUTBOX_DIR: join(root, 'unused') })).send(email);
      const comparable = (message: string) =>
        message.replace(/--_NmP-[0-9a-f]+-Part_/g, '--_NmP-BOUNDARY-Part_').replace(/^Date: .*\r$/m, 'Date: (any)\r');
      expect(comparable(text)).toBe(comparable(server.messages[0].raw.toString('utf8')));
    } finally {
      await server.close();
    }
  });

  it('reports a folder it cannot write to as a temporary failure', async () => {
    // A file where a folder should be: mkdir fails with ENOTDIR even for root, who ignores modes.
    await createFileOutboxMailer(root).send(meetingMail('invitation', 0));
    const [existing] = await readdir(root);
    const mailer = createFileOutboxMailer(join(root, existing, 'outbox'));

    const error = await mailer.send(meetingMail('invitation', 1)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MailDeliveryError);
    expect((error as MailDeliveryError).permanent).toBe(false);
    expect((error as MailDeliveryError).code).toBe('ENOTDIR');
  });

  it('refuses a malformed message permanently without writing anything', async () => {
    const mailer = createFileOutboxMailer(root);
    const error = await mailer.send({ ...meetingMail('invitation', 0), messageId: 'no-brackets@destek.local' }).catch((e: unknown) => e);
    expect((error as MailDeliveryError).permanent).toBe(true);
    expect(await readdir(root)).toEqual([]);
  });
});

describe('createMailer', () => {
  it('writes to the outbox folder when no SMTP server is configured', async () => {
    const root = await mkdtemp(join(tmpdir(), 'destek-outbox-'));
    try {
      await createMailer(mailSettings({ OUTBOX_DIR: root })).send(meetingMail('invitation', 0));
      await createMailer(mailSettings({ SMTP_URL: '', OUTBOX_DIR: root })).send(meetingMail('invitation', 1));
      expect(await readdir(root)).toHaveLength(2);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
