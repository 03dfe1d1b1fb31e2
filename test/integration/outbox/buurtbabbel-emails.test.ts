import type { SNSEvent } from 'aws-lambda';
import { simpleParser, type ParsedMail } from 'mailparser';
import { createDeliverer } from '../../../functions/app/create-deliverer';
import { sesEventsHandler } from '../../../functions/handlers/ses-events';
import { SuppressionsService } from '../../../functions/modules/suppressions/suppressions.service';
import type { Mailer } from '../../../functions/mail/mailer';
import { createSmtpMailer } from '../../../functions/mail/smtp-mailer';
import { keys } from '../../../functions/shared/dynamodb/keys';
import { addNeighbour, readBuurtbabbel, scheduleBuurtbabbel } from '../../support/buurtbabbel-fixtures';
import { createPartner } from '../../support/fixtures';
import { fillToItemLimit } from '../../support/item-limit';
import { parseIcs } from '../../support/parse-ics';
import { smtpReply, startSmtpTestServer, type SmtpTestServer } from '../../support/smtp-test-server';
import { createTestApp, type TestApp } from '../../support/test-app';

/** The moment the invitations of the default buurtbabbel (20 December, 19:00) go out: 14 days before. */
const invitationMoment = '2026-12-06T18:00:00Z';

interface Received {
  to: string;
  mail: ParsedMail;
  /** Header block, folded lines joined. */
  headers: string;
  text: string;
  link(kind: 'YES' | 'NO' | 'MAYBE' | 'unsubscribe'): URL;
}

async function receive(smtp: SmtpTestServer, from = 0): Promise<Received[]> {
  return Promise.all(
    smtp.messages.slice(from).map(async (message) => {
      const raw = message.raw.toString('utf8');
      const mail = await simpleParser(message.raw);
      const text = mail.text ?? '';
      return {
        to: message.to[0],
        mail,
        headers: raw.slice(0, raw.indexOf('\r\n\r\n')).replace(/\r\n[ \t]+/g, ' '),
        text,
        link(kind) {
          const pattern =
            kind === 'unsubscribe'
              ? /https:\/\/destek\.test\/unsubscribe\?token=[^\s]+/
              : new RegExp(`https://destek\\.test/buurtbabbel/answer\\?token=[^\\s]+answer=${kind}`);
          const found = pattern.exec(text);
          if (!found) throw new Error(`no ${kind} link in: ${text}`);
          return new URL(found[0]);
        },
      };
    }),
  );
}

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

/** SES events (a complaint or a permanent bounce, as in the SES developer guide) as SNS delivers them. */
function sesEvent(verdicts: { type: 'Complaint' | 'Bounce'; email: string }[]): SNSEvent {
  const mail = { timestamp: '2026-12-06T18:00:01.000Z', messageId: 'ses-1', destination: verdicts.map((v) => v.email) };
  const message = ({ type, email }: { type: 'Complaint' | 'Bounce'; email: string }) =>
    type === 'Complaint'
      ? {
          eventType: 'Complaint',
          complaint: {
            complainedRecipients: [{ emailAddress: email }],
            complaintFeedbackType: 'abuse',
            timestamp: '2026-12-06T18:00:30.000Z',
          },
          mail,
        }
      : {
          eventType: 'Bounce',
          bounce: {
            bounceType: 'Permanent',
            bounceSubType: 'General',
            bouncedRecipients: [{ emailAddress: email }],
            timestamp: '2026-12-06T18:00:30.000Z',
          },
          mail,
        };
  return {
    Records: verdicts.map((verdict, index) => ({ Sns: { MessageId: `sns-${index}`, Message: JSON.stringify(message(verdict)) } })),
  } as unknown as SNSEvent;
}

describe('buurtbabbel emails through the outbox, a real SMTP server and independent parsers', () => {
  let t: TestApp;
  let smtp: SmtpTestServer;
  let mailer: Mailer;
  let coordinator: string;
  let refuse: (to: string) => Error | null = () => null;

  beforeAll(async () => {
    smtp = await startSmtpTestServer({ onRcptTo: (address, _session, callback) => callback(refuse(address.address) ?? undefined) });
    mailer = createSmtpMailer(smtp.url);
  });
  afterAll(() => smtp.close());

  beforeEach(async () => {
    smtp.messages.length = 0;
    refuse = () => null;
    t = await createTestApp({ now: '2026-12-01T09:00:00Z', config: { BUURTBABBEL_SEND_RATE_PER_MINUTE: '600' } });
    coordinator = await t.token('COORDINATOR');
  });

  /** A GraphQL call with a token made now (the clock moves by days, tokens last 12 hours). */
  const asCoordinator = async (query: string, variables: Record<string, unknown> = {}) =>
    t.graphql(query, variables, await t.token('COORDINATOR'));
  const rounds = () => t.app.buurtbabbels.runDueRounds();
  const deliver = (using: Mailer = mailer) => createDeliverer(t.app, using).deliverDue();
  /** Delivers what is due (the outbox job expands a round's mail as soon as it is written), then the paced rest a minute later. */
  async function deliverPaced() {
    const first = await deliver();
    t.clock.advance(60_000);
    const rest = await deliver();
    return Object.fromEntries(Object.entries(first).map(([key, value]) => [key, value + rest[key as keyof typeof rest]]));
  }
  /** Runs the round, then delivers its paced mail. */
  async function roundAndDeliver(at: string) {
    t.clock.set(at);
    const report = await rounds();
    await deliverPaced();
    return report;
  }
  const post = (url: URL, body: string) =>
    t.request({
      method: 'POST',
      path: url.pathname,
      rawQuery: url.search.slice(1),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body,
    });
  const get = (url: URL) => t.request({ method: 'GET', path: url.pathname, rawQuery: url.search.slice(1) });
  const answer = (mail: Received, choice: 'YES' | 'NO' | 'MAYBE') => {
    const url = mail.link(choice);
    return post(new URL(`${url.origin}${url.pathname}`), form({ token: url.searchParams.get('token')!, answer: choice }));
  };

  it('keeps the pace (600/min) from the moment the round is written, not from the moment its expansion began', async () => {
    for (let i = 0; i < 5; i += 1) await addNeighbour(t);
    await scheduleBuurtbabbel(t);
    t.clock.set(invitationMoment);
    expect((await rounds()).invitations).toBe(5);
    // Each request that writes copies takes a second here (a loaded table), far more than the
    // 100 ms between two mails: counted from the start, every mail would be due once written.
    t.app.db.middlewareStack.add(
      (next, context) => async (args) => {
        if (/^(Put|BatchWrite)/.test(context.commandName ?? '')) t.clock.advance(1000);
        return next(args);
      },
      { step: 'initialize', name: 'slowWrites' },
    );
    expect(await deliver()).toMatchObject({ expanded: 5, sent: 1 });
    t.app.db.middlewareStack.remove('slowWrites');

    // Then one mail each 100 ms, from the moment the writes were done.
    t.clock.advance(1);
    for (let i = 1; i < 5; i += 1) {
      t.clock.advance(100);
      expect(await deliver()).toMatchObject({ sent: 1 });
    }
    expect(smtp.messages).toHaveLength(5);
  });

  it('reads the buurtbabbel once per delivery round, not once per invitation (each neighbour still per message)', async () => {
    for (let i = 0; i < 5; i += 1) await addNeighbour(t);
    const buurtbabbel = await scheduleBuurtbabbel(t);
    t.clock.set(invitationMoment);
    expect((await rounds()).invitations).toBe(5);
    // The first run expands the round and sends the first invitation; the paced rest is due a little later.
    expect(await deliver()).toMatchObject({ expanded: 5, sent: 1 });
    const reads: string[] = [];
    t.app.db.middlewareStack.add(
      (next, context) => async (args) => {
        const input = args.input as { Key?: { PK: unknown }; RequestItems?: Record<string, { Keys: { PK: unknown }[] }> };
        if (context.commandName === 'GetItemCommand') reads.push(String(input.Key!.PK));
        if (context.commandName === 'BatchGetItemCommand')
          for (const { Keys } of Object.values(input.RequestItems!)) reads.push(...Keys.map((key) => String(key.PK)));
        return next(args);
      },
      { step: 'initialize', name: 'keyReadRecorder' },
    );
    t.clock.advance(60_000);
    expect(await deliver()).toMatchObject({ sent: 4 });
    t.app.db.middlewareStack.remove('keyReadRecorder');
    expect(reads.filter((pk) => pk === `BUURTBABBEL#${buurtbabbel.id}`)).toHaveLength(1);
    expect(reads.filter((pk) => pk.startsWith('NEIGHBOUR#'))).toHaveLength(4);
  });

  it('goes on with the other buurtbabbels when one round cannot be written (too large), and tries it again next run', async () => {
    await addNeighbour(t, { email: 'lotte@kapsalon.be' });
    const broken = await scheduleBuurtbabbel(t);
    await scheduleBuurtbabbel(t, { location: 'Fietsatelier, Dampoortstraat 3' });
    const repair = await fillToItemLimit(t, keys.buurtbabbel(broken.id));

    t.clock.set(invitationMoment);
    expect(await rounds()).toEqual({ rounds: 1, invitations: 1, reminders: 0, failed: 1 });
    expect(await rounds()).toEqual({ rounds: 0, invitations: 0, reminders: 0, failed: 1 });
    await repair();
    expect(await rounds()).toEqual({ rounds: 1, invitations: 1, reminders: 0, failed: 0 });
    expect(await deliverPaced()).toMatchObject({ sent: 2, failed: 0 });
  });

  it('invites every contact once, at the moment, in Dutch, with answer links and one-click unsubscribe headers', async () => {
    const host = await createPartner(t, { name: 'Bakkerij Peeters' });
    await addNeighbour(t, { businessName: 'Kapsalon Lotte', contactName: 'Lotte Claes', email: 'Lotte@Kapsalon.be' });
    await addNeighbour(t, { businessName: 'Fietsen Ali', contactName: null, email: 'ali@fietsen.be' });
    const gone = await addNeighbour(t, { email: 'weg@buurt.be' });
    await t.graphql(`mutation($id: ID!) { optOutNeighbour(id: $id) { userErrors { code } } }`, { id: gone.id }, coordinator);
    const buurtbabbel = await scheduleBuurtbabbel(t, { hostPartnerId: host.id });
    expect(buurtbabbel.invitationsAt).toBe('2026-12-06T19:00:00+01:00');

    expect(await rounds()).toEqual({ rounds: 0, invitations: 0, reminders: 0, failed: 0 });
    t.clock.set('2026-12-06T17:59:59Z');
    expect((await rounds()).rounds).toBe(0);
    t.clock.set(invitationMoment);
    expect(await rounds()).toEqual({ rounds: 1, invitations: 2, reminders: 0, failed: 0 });
    expect(await rounds()).toEqual({ rounds: 0, invitations: 0, reminders: 0, failed: 0 });
    expect(await deliverPaced()).toMatchObject({ sent: 2, failed: 0 });

    const received = await receive(smtp);
    expect(received.map((r) => r.to).sort()).toEqual(['ali@fietsen.be', 'lotte@kapsalon.be']);
    const lotte = received.find((r) => r.to === 'lotte@kapsalon.be')!;
    expect((lotte.mail.to as { value: { name: string; address: string }[] }).value).toEqual([
      { name: 'Lotte Claes', address: 'lotte@kapsalon.be' },
    ]);
    expect(lotte.mail.subject).toBe('Uitnodiging: buurtbabbel op zondag 20 december 2026 om 19:00');
    expect(lotte.text).toMatch(/^Dag Lotte Claes,\n/);
    expect(lotte.text).toContain('Wanneer: zondag 20 december 2026, 19:00–21:00');
    expect(lotte.text).toContain('We zijn te gast bij Bakkerij Peeters.');
    expect(lotte.text).toContain('omdat Kapsalon Lotte een onderneming in de buurt is');
    expect(lotte.mail.html).toContain('Ik kom');
    expect(lotte.mail.attachments).toEqual([]);
    const unsubscribe = lotte.link('unsubscribe');
    expect(lotte.headers).toContain(
      `List-Unsubscribe: <${unsubscribe.href}>, <mailto:overleg@destek.test?subject=Afmelden%20buurtbabbels>`,
    );
    expect(lotte.headers).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click$/m);
    expect(received.find((r) => r.to === 'ali@fietsen.be')!.text).toMatch(/^Dag,\n/);

    const read = await readBuurtbabbel(t, buurtbabbel.id);
    expect(read).toMatchObject({ invitedCount: 2, acceptedCount: 0, invitationsSentAt: '2026-12-06T19:00:00+01:00' });
  });

  it('records answers from the links: GET changes nothing, a yes brings an .ics, the maximum fills a waiting list that moves up', async () => {
    for (const name of ['an', 'bo', 'cas']) await addNeighbour(t, { email: `${name}@buurt.be`, contactName: name });
    const buurtbabbel = await scheduleBuurtbabbel(t, { maxGuests: 1 });
    await roundAndDeliver(invitationMoment);
    const mails = await receive(smtp);
    const mailTo = (who: string) => mails.find((m) => m.to === `${who}@buurt.be`)!;

    const page = await get(mailTo('an').link('YES'));
    expect(page.status).toBe(200);
    expect(page.body).toContain('<form method="post" action="answer"');
    expect(page.body).toContain('zondag 20 december 2026');
    expect((await readBuurtbabbel(t, buurtbabbel.id)).acceptedCount).toBe(0);

    const yes = await answer(mailTo('an'), 'YES');
    expect(yes.status).toBe(200);
    expect(yes.body).toContain('Je bent welkom');
    expect((await answer(mailTo('an'), 'YES')).status).toBe(200);
    expect((await get(mailTo('an').link('NO'))).body).toContain('Je huidige antwoord: <strong>ik kom</strong>.');
    const waiting = await answer(mailTo('bo'), 'YES');
    expect(waiting.body).toContain('wachtlijst');
    await answer(mailTo('cas'), 'MAYBE');
    expect(await readBuurtbabbel(t, buurtbabbel.id)).toMatchObject({ acceptedCount: 1, waitingCount: 1, maybeCount: 1, declinedCount: 0 });

    const before = smtp.messages.length;
    await deliver();
    const replies = await receive(smtp, before);
    expect(replies.map((r) => [r.to, r.mail.subject])).toEqual(
      expect.arrayContaining([
        ['an@buurt.be', 'Je plaats is bevestigd: buurtbabbel op zondag 20 december 2026 om 19:00'],
        ['bo@buurt.be', 'Wachtlijst: buurtbabbel op zondag 20 december 2026 om 19:00'],
      ]),
    );
    expect(replies).toHaveLength(2);
    const confirmation = replies.find((r) => r.to === 'an@buurt.be')!;
    const icsPart =
      confirmation.mail.attachments.find((a) => a.contentType === 'text/calendar') ??
      confirmation.mail.attachments.find((a) => a.filename?.endsWith('.ics'));
    const ics = parseIcs(icsPart!.content.toString('utf8'));
    expect(ics.method).toBe('PUBLISH');
    expect(ics.events[0]).toMatchObject({
      uid: `buurtbabbel-${buurtbabbel.id}@destek.test`,
      sequence: 0,
      location: 'Bakkerij Peeters, Sint-Pietersaalststraat 10, Gent',
    });
    expect(ics.events[0].start.toISOString()).toBe('2026-12-20T18:00:00.000Z');
    expect(confirmation.headers).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click$/m);

    // An cannot come after all: Bo, first on the waiting list, gets the seat and hears so.
    await answer(mailTo('an'), 'NO');
    expect(await readBuurtbabbel(t, buurtbabbel.id)).toMatchObject({ acceptedCount: 1, waitingCount: 0, declinedCount: 1, maybeCount: 1 });
    const guests = await asCoordinator(`query($id: ID!) { buurtbabbel(id: $id) { guests { status neighbour { email } } } }`, {
      id: buurtbabbel.id,
    });
    expect(guests.data.buurtbabbel.guests.map((g: any) => [g.neighbour.email, g.status]).sort()).toEqual([
      ['an@buurt.be', 'DECLINED'],
      ['bo@buurt.be', 'ACCEPTED'],
      ['cas@buurt.be', 'MAYBE'],
    ]);
    const promotedFrom = smtp.messages.length;
    await deliver();
    const promoted = await receive(smtp, promotedFrom);
    expect(promoted.map((r) => [r.to, r.mail.subject])).toEqual([
      ['bo@buurt.be', 'Er is een plaats vrij: buurtbabbel op zondag 20 december 2026 om 19:00'],
    ]);

    // The reminder, two days before, goes to those who said yes: Bo only.
    const reminderFrom = smtp.messages.length;
    expect((await roundAndDeliver('2026-12-18T18:00:00Z')).reminders).toBe(1);
    const reminders = await receive(smtp, reminderFrom);
    expect(reminders.map((r) => [r.to, r.mail.subject])).toEqual([
      ['bo@buurt.be', 'Herinnering: buurtbabbel op zondag 20 december 2026 om 19:00'],
    ]);

    t.clock.set('2026-12-20T18:30:00Z');
    const late = await answer(mailTo('cas'), 'YES');
    expect(late.status).toBe(409);
    expect(late.body).toContain('al begonnen');
    const latePage = await get(mailTo('cas').link('YES'));
    expect(latePage.body).toContain('Deze buurtbabbel is al begonnen.');
    expect(latePage.body).not.toContain('<form');
  });

  it('a flapping or replayed answer link: one mail per change of answer, at most three a day, no promotion re-triggered', async () => {
    for (const name of ['an', 'bo', 'cas']) await addNeighbour(t, { email: `${name}@buurt.be`, contactName: name });
    const buurtbabbel = await scheduleBuurtbabbel(t, { maxGuests: 1 });
    await roundAndDeliver(invitationMoment);
    const mails = await receive(smtp);
    const mailTo = (who: string) => mails.find((m) => m.to === `${who}@buurt.be`)!;
    expect((await answer(mailTo('an'), 'YES')).body).toContain('Je bent welkom');
    for (const who of ['bo', 'cas']) expect((await answer(mailTo(who), 'YES')).body).toContain('wachtlijst');

    await deliver();
    // The same answer replayed ten times changes nothing and mails nothing more.
    const from = smtp.messages.length;
    for (let i = 0; i < 10; i += 1) expect((await answer(mailTo('an'), 'YES')).status).toBe(200);
    // Then An flips no/yes twenty times (forty POSTs), a minute apart.
    const pages: string[] = [];
    for (let i = 0; i < 20; i += 1) {
      t.clock.advance(60_000);
      pages.push((await answer(mailTo('an'), 'NO')).body);
      pages.push((await answer(mailTo('an'), 'YES')).body);
    }
    const flapped = await deliver();
    const sent = await receive(smtp, from);
    const to = (who: string) => sent.filter((m) => m.to === `${who}@buurt.be`).map((m) => m.mail.subject);
    // Bo got An's seat once; An's first no freed it, her later yeses put her on the waiting list.
    expect(to('bo')).toEqual(['Er is een plaats vrij: buurtbabbel op zondag 20 december 2026 om 19:00']);
    expect(to('cas')).toEqual([]);
    // An: the first three answer mails of the day (she was confirmed once before), then none; of the
    // two written since, the older was superseded by the newer before it left: only the newest arrives.
    expect(to('an')).toEqual(['Wachtlijst: buurtbabbel op zondag 20 december 2026 om 19:00']);
    expect(flapped).toMatchObject({ superseded: 1 });
    expect(pages.filter((page) => page.includes('geen nieuwe'))).toHaveLength(18);
    expect(await readBuurtbabbel(t, buurtbabbel.id)).toMatchObject({ acceptedCount: 1, waitingCount: 2, declinedCount: 0 });
    const guests = await asCoordinator(`query($id: ID!) { buurtbabbel(id: $id) { guests { status neighbour { email } } } }`, {
      id: buurtbabbel.id,
    });
    expect(guests.data.buurtbabbel.guests.map((g: any) => [g.neighbour.email, g.status]).sort()).toEqual([
      ['an@buurt.be', 'WAITING'],
      ['bo@buurt.be', 'ACCEPTED'],
      ['cas@buurt.be', 'WAITING'],
    ]);

    // A day later the limit has passed: her next change of answer is mailed again.
    t.clock.advance(86_400_000);
    await answer(mailTo('an'), 'NO');
    expect((await answer(mailTo('an'), 'YES')).body).not.toContain('geen nieuwe');
    const nextDay = smtp.messages.length;
    await deliver();
    expect((await receive(smtp, nextDay)).map((m) => [m.to, m.mail.subject?.split(':')[0]])).toEqual([['an@buurt.be', 'Wachtlijst']]);
  });

  it('opts out by one-click POST (RFC 8058) or the confirmation page, never on GET, and no later job writes to the address', async () => {
    await addNeighbour(t, { email: 'stop@buurt.be' });
    await addNeighbour(t, { email: 'blijft@buurt.be' });
    const first = await scheduleBuurtbabbel(t);
    await roundAndDeliver(invitationMoment);
    const mail = (await receive(smtp)).find((m) => m.to === 'stop@buurt.be')!;
    await answer(mail, 'YES');
    const unsubscribe = mail.link('unsubscribe');

    const page = await get(unsubscribe);
    expect(page.status).toBe(200);
    expect(page.body).toContain('Afmelden');
    expect(page.body).toContain('method="post"');
    const listed = async () =>
      (await asCoordinator(`{ neighbours { edges { node { email optedOutAt } } } }`)).data.neighbours.edges.map((e: any) => e.node);
    expect((await listed()).find((n: any) => n.email === 'stop@buurt.be').optedOutAt).toBeNull();

    const oneClick = await post(unsubscribe, 'List-Unsubscribe=One-Click');
    expect(oneClick.status).toBe(200);
    expect(oneClick.body).toContain('Je bent afgemeld');
    expect((await listed()).find((n: any) => n.email === 'stop@buurt.be').optedOutAt).toBe('2026-12-06T19:01:00+01:00');
    expect((await post(unsubscribe, 'List-Unsubscribe=One-Click')).status).toBe(200);
    // Opening the link again (did it work?) says so instead of offering the button once more.
    const again = await get(unsubscribe);
    expect(again.body).toContain('Je bent al afgemeld');
    expect(again.body).not.toContain('method="post"');

    // The confirmation of the yes was queued before the opt-out: it is withdrawn at send time.
    expect(await deliver()).toMatchObject({ sent: 0, withdrawn: 1 });
    // The reminder round leaves the address out, and so does the next buurtbabbel.
    const from = smtp.messages.length;
    expect((await roundAndDeliver('2026-12-18T18:00:00Z')).reminders).toBe(0);
    await scheduleBuurtbabbel(t, { startsAt: '2027-01-10T15:00:00+01:00', endsAt: '2027-01-10T17:00:00+01:00' });
    expect((await roundAndDeliver('2026-12-27T14:00:00Z')).invitations).toBe(1);
    expect((await receive(smtp, from)).map((r) => r.to)).toEqual(['blijft@buurt.be']);
    expect((await readBuurtbabbel(t, first.id)).acceptedCount).toBe(1);

    const forged = await post(
      new URL(`${unsubscribe.origin}/unsubscribe?token=${unsubscribe.searchParams.get('token')!.slice(0, -3)}abc`),
      'List-Unsubscribe=One-Click',
    );
    expect(forged.status).toBe(400);
  });

  it('takes a yes from a neighbour who opted out without promising a confirmation that will not be sent', async () => {
    await addNeighbour(t, { email: 'afgemeld@buurt.be' });
    await scheduleBuurtbabbel(t);
    await roundAndDeliver(invitationMoment);
    const mail = (await receive(smtp))[0];
    expect((await post(mail.link('unsubscribe'), 'List-Unsubscribe=One-Click')).body).toContain('Je bent afgemeld');

    const page = await answer(mail, 'YES');

    expect(page.status).toBe(200);
    expect(page.body).toContain('Je bent welkom!');
    expect(page.body).not.toContain('Je krijgt een bevestiging');
    expect(page.body).toContain('zet de buurtbabbel zelf in je agenda');
    expect(await deliver()).toMatchObject({ sent: 0, withdrawn: 1 });
  });

  it('keeps the opt-out link of an invitation working for months; an expired one explains in Dutch how to opt out by mail', async () => {
    const neighbour = await addNeighbour(t, { email: 'laat@buurt.be' });
    await scheduleBuurtbabbel(t);
    await roundAndDeliver(invitationMoment);
    const unsubscribe = (await receive(smtp))[0].link('unsubscribe');

    t.clock.set('2027-12-07T18:00:00Z');
    const expired = await get(unsubscribe);
    expect(expired.status).toBe(400);
    expect(expired.body).toContain('Deze link is verlopen.');
    expect(expired.body).toContain(
      'stuur een mail naar <a href="mailto:overleg@destek.test?subject=Afmelden%20buurtbabbels">overleg@destek.test</a>',
    );
    expect((await post(unsubscribe, 'List-Unsubscribe=One-Click')).status).toBe(400);

    // Ten months after the invitation, the link (also the header's one-click POST) still works.
    t.clock.set('2027-10-06T18:00:00Z');
    expect((await post(unsubscribe, 'List-Unsubscribe=One-Click')).body).toContain('Je bent afgemeld');
    const found = await asCoordinator(`query($email: String!) { neighbourByEmail(email: $email) { id optedOutAt } }`, {
      email: ' Laat@Buurt.be',
    });
    expect(found.data.neighbourByEmail).toEqual({ id: neighbour.id, optedOutAt: '2027-10-06T20:00:00+02:00' });
  });

  it('withdraws a paced invitation whose contact opted out after it was queued', async () => {
    t = await createTestApp({ now: '2026-12-01T09:00:00Z', config: { BUURTBABBEL_SEND_RATE_PER_MINUTE: '1' } });
    await addNeighbour(t, { email: 'eerst@buurt.be', businessName: 'A' });
    const later = await addNeighbour(t, { email: 'later@buurt.be', businessName: 'B' });
    await scheduleBuurtbabbel(t);
    t.clock.set(invitationMoment);
    await rounds();
    expect(await deliver()).toMatchObject({ sent: 1 });
    await t.app.neighbours.optOut(later.id);
    t.clock.advance(60_000);
    expect(await deliver()).toMatchObject({ sent: 0, withdrawn: 1 });
    expect(smtp.messages.map((m) => m.to[0])).toEqual(['eerst@buurt.be']);
  });

  it('paces the invitations at the configured rate, and a job that dies halfway sends nothing twice', async () => {
    t = await createTestApp({ now: '2026-12-01T09:00:00Z', config: { BUURTBABBEL_SEND_RATE_PER_MINUTE: '2' } });
    for (let i = 0; i < 5; i += 1) await addNeighbour(t);
    await scheduleBuurtbabbel(t);
    t.clock.set(invitationMoment);
    // Two runs of the round job at once: one round, one set of messages.
    const [a, b] = await Promise.all([rounds(), rounds()]);
    expect(a.invitations + b.invitations).toBe(5);

    expect((await deliver()).sent).toBe(1);
    expect((await deliver()).sent).toBe(0);
    t.clock.advance(30_000);
    expect((await deliver()).sent).toBe(1);

    // The next send hangs for ever: the job "dies" holding that message.
    let sends = 0;
    const dying: Mailer = { send: (email) => (++sends === 1 ? new Promise(() => undefined) : mailer.send(email)) };
    t.clock.advance(30_000);
    void deliver(dying);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(smtp.messages).toHaveLength(2);

    // Later runs send the rest at the pace; the claimed one, once its lease is over, is set aside
    // to check (the transport may have taken it), not sent again.
    t.clock.advance(90_000);
    expect((await deliver()).sent).toBe(2);
    t.clock.advance(5 * 60_000);
    expect(await deliver()).toMatchObject({ sent: 0, checked: 1 });
    expect(await deliver()).toMatchObject({ sent: 0, checked: 0 });
    expect(smtp.messages).toHaveLength(4);
    expect(new Set(smtp.messages.map((m) => m.to[0])).size).toBe(4);
  });

  it('keeps the pace from the moment the outbox job expands the round, also when it was down for an hour', async () => {
    t = await createTestApp({ now: '2026-12-01T09:00:00Z', config: { BUURTBABBEL_SEND_RATE_PER_MINUTE: '2' } });
    for (let i = 0; i < 4; i += 1) await addNeighbour(t);
    await scheduleBuurtbabbel(t);
    t.clock.set(invitationMoment);
    expect((await rounds()).invitations).toBe(4);

    // deliver-outbox was down: it first runs an hour after the round was written.
    t.clock.advance(3_600_000);
    expect(await deliver()).toMatchObject({ expanded: 4, sent: 1 });
    t.clock.advance(30_000);
    expect((await deliver()).sent).toBe(1);
    t.clock.advance(30_000);
    expect((await deliver()).sent).toBe(1);
    t.clock.advance(30_000);
    expect((await deliver()).sent).toBe(1);
    expect(new Set(smtp.messages.map((m) => m.to[0])).size).toBe(4);
  });

  it('marks an address refused for good (5xx) as bouncing and writes to it no more; retries a 4xx later', async () => {
    await addNeighbour(t, { email: 'bestaat-niet@buurt.be' });
    await addNeighbour(t, { email: 'vol@buurt.be' });
    await addNeighbour(t, { email: 'goed@buurt.be' });
    let fullOnce = true;
    refuse = (to) => {
      if (to === 'bestaat-niet@buurt.be') return smtpReply(550, 'No such user');
      if (to === 'vol@buurt.be' && fullOnce) {
        fullOnce = false;
        return smtpReply(452, 'Mailbox full, try later');
      }
      return null;
    };
    await scheduleBuurtbabbel(t);
    t.clock.set(invitationMoment);
    await rounds();
    expect(await deliverPaced()).toMatchObject({ sent: 1, failed: 1, retried: 1 });
    t.clock.advance(61_000);
    expect(await deliver()).toMatchObject({ sent: 1, failed: 0, retried: 0 });
    expect(smtp.messages.map((m) => m.to[0]).sort()).toEqual(['goed@buurt.be', 'vol@buurt.be']);

    const neighbours = await asCoordinator(`{ neighbours { edges { node { email bouncing } } } }`);
    expect(neighbours.data.neighbours.edges.map((e: any) => [e.node.email, e.node.bouncing])).toEqual(
      expect.arrayContaining([
        ['bestaat-niet@buurt.be', true],
        ['goed@buurt.be', false],
      ]),
    );
    const next = await scheduleBuurtbabbel(t, { startsAt: '2027-01-10T15:00:00+01:00', endsAt: '2027-01-10T17:00:00+01:00' });
    await roundAndDeliver('2026-12-27T14:00:00Z');
    expect((await readBuurtbabbel(t, next.id)).invitedCount).toBe(2);
    expect(smtp.messages.map((m) => m.to[0])).not.toContain('bestaat-niet@buurt.be');
  });

  it('stops buurtbabbel mail to an address SES reports as bounced or complained about, and shows it as bouncing', async () => {
    t = await createTestApp({ now: '2026-12-01T09:00:00Z', config: { BUURTBABBEL_SEND_RATE_PER_MINUTE: '1' } });
    await addNeighbour(t, { email: 'klaagt@buurt.be', businessName: 'A' });
    await addNeighbour(t, { email: 'weg@buurt.be', businessName: 'B' });
    await addNeighbour(t, { email: 'goed@buurt.be', businessName: 'C' });
    await scheduleBuurtbabbel(t);
    t.clock.set(invitationMoment);
    await rounds();
    expect(await deliver()).toMatchObject({ sent: 1 });
    expect(smtp.messages.map((m) => m.to[0])).toEqual(['klaagt@buurt.be']);

    // SES (the AWS mailer) reports a complaint on the sent invitation and a permanent bounce of another address.
    const sesEvents = sesEventsHandler(new SuppressionsService(t.app.repositories.suppressions, t.app.logger));
    expect(
      await sesEvents(
        sesEvent([
          { type: 'Complaint', email: 'Klaagt@buurt.be' },
          { type: 'Bounce', email: 'weg@buurt.be' },
        ]),
      ),
    ).toMatchObject({ suppressed: 2 });

    const neighbours = await asCoordinator(`{ neighbours { edges { node { email bouncing } } } }`);
    expect(neighbours.data.neighbours.edges.map((e: any) => [e.node.email, e.node.bouncing])).toEqual([
      ['klaagt@buurt.be', true],
      ['weg@buurt.be', true],
      ['goed@buurt.be', false],
    ]);
    // The queued invitation to the bounced address is not sent; the next buurtbabbel leaves both out.
    t.clock.advance(60_000);
    expect(await deliver()).toMatchObject({ sent: 0, suppressed: 1 });
    t.clock.advance(60_000);
    expect(await deliver()).toMatchObject({ sent: 1 });
    const next = await scheduleBuurtbabbel(t, { startsAt: '2027-01-10T15:00:00+01:00', endsAt: '2027-01-10T17:00:00+01:00' });
    await roundAndDeliver('2026-12-27T14:00:00Z');
    expect((await readBuurtbabbel(t, next.id)).invitedCount).toBe(1);
    expect(smtp.messages.map((m) => m.to[0])).toEqual(['klaagt@buurt.be', 'goed@buurt.be', 'goed@buurt.be']);
  });

  it('withdraws buurtbabbel mail queued for a neighbour who became a partner, and invites it no more', async () => {
    t = await createTestApp({ now: '2026-12-01T09:00:00Z', config: { BUURTBABBEL_SEND_RATE_PER_MINUTE: '1' } });
    await addNeighbour(t, { email: 'blijft@buurt.be', businessName: 'A' });
    const joins = await addNeighbour(t, { email: 'partner@buurt.be', businessName: 'B' });
    await scheduleBuurtbabbel(t);
    t.clock.set(invitationMoment);
    await rounds();
    expect(await deliver()).toMatchObject({ sent: 1 });
    const converted = await asCoordinator(
      `mutation($input: ConvertNeighbourToPartnerInput!) { convertNeighbourToPartner(input: $input) { userErrors { code } } }`,
      {
        input: { neighbourId: joins.id, kind: 'COMPANY' },
      },
    );
    expect(converted.data.convertNeighbourToPartner.userErrors).toEqual([]);

    t.clock.advance(60_000);
    expect(await deliver()).toMatchObject({ sent: 0, withdrawn: 1 });
    await scheduleBuurtbabbel(t, { startsAt: '2027-01-10T15:00:00+01:00', endsAt: '2027-01-10T17:00:00+01:00' });
    expect((await roundAndDeliver('2026-12-27T14:00:00Z')).invitations).toBe(1);
    expect(smtp.messages.map((m) => m.to[0])).toEqual(['blijft@buurt.be', 'blijft@buurt.be']);
  });

  it('cancels: queued invitations are withdrawn, those who said yes get a CANCEL for their calendar', async () => {
    t = await createTestApp({ now: '2026-12-01T09:00:00Z', config: { BUURTBABBEL_SEND_RATE_PER_MINUTE: '1' } });
    await addNeighbour(t, { email: 'ja@buurt.be', businessName: 'A' });
    await addNeighbour(t, { email: 'wacht@buurt.be', businessName: 'B' });
    const buurtbabbel = await scheduleBuurtbabbel(t);
    t.clock.set(invitationMoment);
    await rounds();
    await deliver();
    const [mail] = await receive(smtp);
    expect(mail.to).toBe('ja@buurt.be');
    await answer(mail, 'YES');

    const result = await asCoordinator(
      `mutation($input: CancelBuurtbabbelInput!) { cancelBuurtbabbel(input: $input) { buurtbabbel { status } userErrors { code } } }`,
      { input: { id: buurtbabbel.id, reason: 'De zaal is niet vrij' } },
    );
    expect(result.data.cancelBuurtbabbel).toEqual({ buurtbabbel: { status: 'CANCELLED' }, userErrors: [] });
    t.clock.advance(5 * 60_000);
    expect(await deliver()).toMatchObject({ sent: 1, withdrawn: 2 });
    const [cancellation] = await receive(smtp, 1);
    expect(cancellation.to).toBe('ja@buurt.be');
    expect(cancellation.mail.subject).toMatch(/^Geannuleerd: buurtbabbel/);
    expect(cancellation.text).toContain('De zaal is niet vrij');
    const icsPart = cancellation.mail.attachments.find((a) => a.filename?.endsWith('.ics'))!;
    const ics = parseIcs(icsPart.content.toString('utf8'));
    expect(ics.method).toBe('CANCEL');
    expect(ics.events[0]).toMatchObject({ uid: `buurtbabbel-${buurtbabbel.id}@destek.test`, sequence: 1, status: 'CANCELLED' });
    expect(await rounds()).toMatchObject({ rounds: 0 });
  });
});
