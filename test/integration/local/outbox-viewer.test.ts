import { mkdtempSync, rmSync, utimesSync, writeFileSync, mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import MailComposer from 'nodemailer/lib/mail-composer';
import type Mail from 'nodemailer/lib/mailer';
import { createOutboxViewer } from '../../../functions/local/outbox-viewer';
import { listen, send } from './http-helpers';

const ics = (method: string) =>
  [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//test//EN',
    `METHOD:${method}`,
    'BEGIN:VEVENT',
    'UID:meeting-1@destek.local',
    'DTSTART:20260312T183000Z',
    'SUMMARY:Overleg',
    'END:VEVENT',
    'END:VCALENDAR',
    '',
  ].join('\r\n');

function compose(options: Mail.Options): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    new MailComposer(options).compile().build((error, message) => (error ? reject(error) : resolve(message))),
  );
}

describe('outbox viewer', () => {
  let root: string;
  let outboxDir: string;
  let server: Awaited<ReturnType<typeof listen>>;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'outbox-viewer-'));
    outboxDir = join(root, 'outbox');
    mkdirSync(outboxDir);
    // Something outside the outbox that must never be served.
    writeFileSync(join(root, 'secret.eml'), 'Subject: secret\r\n\r\nsecret');

    const mails: Array<[string, Mail.Options, string]> = [
      [
        'invite.eml',
        {
          from: 'Locon De Stek <overleg@destek.local>',
          to: 'Fien Claeys <fien@example.be>',
          subject: 'Uitnodiging: Overleg <De Stek>',
          date: new Date('2026-03-02T09:00:00Z'),
          text: 'Kom je? Antwoord: http://localhost:4000/rsvp?t=abc',
          html: '<p>Kom je?</p><script>alert(1)</script><a href="http://localhost:4000/rsvp?t=abc&amp;a=yes">Ja</a>',
          icalEvent: { method: 'REQUEST', content: ics('REQUEST') },
        },
        '2026-03-02T09:00:00Z',
      ],
      [
        'cancel.eml',
        {
          from: 'overleg@destek.local',
          to: 'jonas@example.be',
          subject: 'Geannuleerd: Overleg',
          date: new Date('2026-03-03T09:00:00Z'),
          text: 'Het overleg gaat niet door.',
          attachments: [{ filename: 'invite.ics', content: ics('CANCEL'), contentType: 'text/calendar; method=CANCEL' }],
        },
        '2026-03-03T09:00:00Z',
      ],
      [
        'plain.eml',
        {
          from: 'overleg@destek.local',
          to: 'griet@example.be',
          subject: 'Buurtbabbel',
          date: new Date('2026-03-01T09:00:00Z'),
          text: 'Hallo',
        },
        '2026-03-01T09:00:00Z',
      ],
    ];
    for (const [file, options, time] of mails) {
      writeFileSync(join(outboxDir, file), await compose(options));
      utimesSync(join(outboxDir, file), new Date(time), new Date(time));
    }
    writeFileSync(join(outboxDir, 'notes.txt'), 'not a mail');
    server = await listen(createOutboxViewer({ outboxDir }));
  });

  afterAll(async () => {
    await server.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('lists the mails newest first, escaped, with their calendar method', async () => {
    const response = await send(server.port, { path: '/outbox' });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    const html = response.text;
    expect(html).toContain('lang="nl-BE"');
    const order = ['Geannuleerd: Overleg', 'Uitnodiging: Overleg &lt;De Stek&gt;', 'Buurtbabbel'].map((subject) => html.indexOf(subject));
    expect(order.every((index) => index > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(html).not.toContain('<De Stek>');
    expect(html).toContain('>REQUEST<');
    expect(html).toContain('>CANCEL<');
    expect(html).toContain('Fien Claeys &lt;fien@example.be&gt;');
    expect(html).not.toContain('notes.txt');
    expect(html).toContain('href="/outbox/invite.eml"');
  });

  it('shows one mail: headers, text, the HTML in a sandboxed frame, links and downloads', async () => {
    const response = await send(server.port, { path: '/outbox/invite.eml' });
    expect(response.status).toBe(200);
    const html = response.text;
    expect(html).toContain('<pre>Kom je? Antwoord: http://localhost:4000/rsvp?t=abc</pre>');
    expect(html).toMatch(
      /<iframe sandbox="allow-popups allow-popups-to-escape-sandbox" srcdoc="[^"]*&lt;script&gt;alert\(1\)&lt;\/script&gt;/,
    );
    expect(html).not.toContain('<script>');
    expect(html).toContain('href="http://localhost:4000/rsvp?t=abc&amp;a=yes"');
    expect(html).toContain('href="/outbox/invite.eml/raw"');
    expect(html).toContain('href="/outbox/invite.eml/invite.ics"');
    expect(html).toContain('METHOD REQUEST');
    expect(response.headers['content-security-policy']).toContain("default-src 'none'");
  });

  it('links to the gallery, which shows every email kind in both languages with its HTML, text and .ics', async () => {
    expect((await send(server.port, { path: '/outbox' })).text).toContain('href="/outbox/emails/"');
    const index = await send(server.port, { path: '/outbox/emails/' });
    expect(index.status).toBe(200);
    expect(index.text).toContain('href="/outbox/emails/meeting-invitation.en.ics"');
    expect(index.text).toContain('Invitation: Overleg Locon De Stek on Thursday 3 December 2026 at 19:30');
    expect(index.text).toContain('Uitnodiging: Overleg Locon De Stek op donderdag 3 december 2026 om 19:30');
    const html = await send(server.port, { path: '/outbox/emails/review-request.en.html' });
    expect(html.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(html.text).toContain('Give your answer');
    const ics = await send(server.port, { path: '/outbox/emails/meeting-cancellation.nl.ics' });
    expect(ics.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(ics.text).toContain('METHOD:CANCEL');
    expect((await send(server.port, { path: '/outbox/emails/nothing.html' })).status).toBe(404);
  });

  it('serves the raw .eml', async () => {
    const response = await send(server.port, { path: '/outbox/invite.eml/raw' });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('message/rfc822');
    expect(response.headers['content-disposition']).toBe('attachment; filename="invite.eml"');
    expect(response.body.equals(readFileSync(join(outboxDir, 'invite.eml')))).toBe(true);
  });

  it('serves the calendar part, from an alternative or an attachment', async () => {
    const request = await send(server.port, { path: '/outbox/invite.eml/invite.ics' });
    expect(request.status).toBe(200);
    expect(request.headers['content-type']).toBe('text/calendar; charset=utf-8; method=REQUEST');
    expect(request.headers['content-disposition']).toBe('attachment; filename="invite.ics"');
    expect(request.text).toBe(ics('REQUEST'));

    const cancel = await send(server.port, { path: '/outbox/cancel.eml/invite.ics' });
    expect(cancel.status).toBe(200);
    expect(cancel.headers['content-type']).toBe('text/calendar; charset=utf-8; method=CANCEL');
    expect(cancel.text).toContain('METHOD:CANCEL');

    expect((await send(server.port, { path: '/outbox/plain.eml/invite.ics' })).status).toBe(404);
  });

  it.each([
    '/outbox/../secret.eml',
    '/outbox/..%2Fsecret.eml',
    '/outbox/%2e%2e%2fsecret.eml',
    '/outbox/..%2F..%2Fetc%2Fpasswd',
    '/outbox/notes.txt',
    '/outbox/%E0%A4%A',
    '/outbox/invite.eml/../../secret.eml',
  ])('refuses %s', async (path) => {
    const response = await send(server.port, { path });
    expect([400, 404]).toContain(response.status);
    expect(response.text).not.toContain('secret');
  });

  it('answers 404 for a missing mail or an unknown sub-path, 405 for other methods', async () => {
    expect((await send(server.port, { path: '/outbox/missing.eml' })).status).toBe(404);
    expect((await send(server.port, { path: '/outbox/invite.eml/other' })).status).toBe(404);
    const post = await send(server.port, { method: 'POST', path: '/outbox' });
    expect(post.status).toBe(405);
    expect(post.headers.allow).toBe('GET, HEAD');
  });

  it('shows an empty list when the outbox folder does not exist yet', async () => {
    const empty = await listen(createOutboxViewer({ outboxDir: join(root, 'nothing-here') }));
    try {
      const response = await send(empty.port, { path: '/outbox/' });
      expect(response.status).toBe(200);
      expect(response.text).toContain('Nog geen mails');
    } finally {
      await empty.close();
    }
  });
});
