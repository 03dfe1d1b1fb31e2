import { simpleParser } from 'mailparser';
import { createDeliverer } from '../../../functions/app/create-deliverer';
import { createSmtpMailer } from '../../../functions/mail/smtp-mailer';
import { createPartner, scheduleMeeting } from '../../support/fixtures';
import { startSmtpTestServer, type SmtpTestServer } from '../../support/smtp-test-server';
import { createTestApp, type TestApp } from '../../support/test-app';

const sessionFields = `id question rows columns status votesPerParticipant closedAt heatMapUrl markdown meeting { id }
  ideas { id title row column votes authorName author { id } contributors mergedIntoId mergedIdeas { id } comments { authorName text } project { id } }
  cells { row column rowLabel columnLabel votes ideas { id } }`;

const payload = `matrixSession { ${sessionFields} } userErrors { field message code }`;

describe('the idea matrix over GraphQL (DynamoDB Local)', () => {
  let t: TestApp;
  let coordinator: string;

  beforeEach(async () => {
    t = await createTestApp({ now: '2026-12-01T09:00:00Z' });
    coordinator = await t.token('COORDINATOR');
  });

  async function mutate(name: string, input: Record<string, unknown>, token: string | undefined, fields = payload): Promise<any> {
    const inputType = name.charAt(0).toUpperCase() + name.slice(1);
    const result = await t.graphql(`mutation($input: ${inputType}Input!) { ${name}(input: $input) { ${fields} } }`, { input }, token);
    if (result.errors) throw new Error(JSON.stringify(result.errors));
    return result.data[name];
  }

  async function partnerMember(overrides: Record<string, unknown> = {}) {
    const partner = await createPartner(t, overrides);
    return { partner, token: await t.token('PARTNER', { partnerId: partner.id, email: `${partner.id}@member.test` }) };
  }

  async function startSession(overrides: Record<string, unknown> = {}) {
    const started = await mutate(
      'startMatrixSession',
      {
        question: 'Wat kunnen we samen starten in de Sint-Pietersaalststraat?',
        rows: ['Ontmoeting', 'Groen'],
        columns: ['Koken', 'Timmeren'],
        votesPerParticipant: 3,
        ...overrides,
      },
      coordinator,
    );
    expect(started.userErrors).toEqual([]);
    return started.matrixSession;
  }

  it('runs a whole session: start at a meeting, ideas, guest, votes, merge, close, promote, and the voters are emailed', async () => {
    const smtp: SmtpTestServer = await startSmtpTestServer();
    try {
      const meeting = await scheduleMeeting(t);
      const bakker = await partnerMember({ name: 'Bakkerij <Lies>', competences: ['Koken', 'Bakken'] });
      const atelier = await partnerMember({ name: 'Atelier Hout', competences: ['Timmeren'] });

      // A one-step start: needs as rows, the partners' competences gathered as columns.
      const session = await startSession({ columns: [], competencesAsColumns: true, meetingId: meeting.id, rows: ['Ontmoeting', 'Groen'] });
      // Partners in name order: the atelier before the bakery.
      expect(session.columns).toEqual(['Timmeren', 'Koken', 'Bakken']);
      const agenda = await t.graphql(
        `query($id: ID!) { meeting(id: $id) { agenda { title matrixSession { id } } } }`,
        { id: meeting.id },
        coordinator,
      );
      expect(agenda.data.meeting.agenda).toContainEqual({
        title: 'Matrixsessie: Wat kunnen we samen starten in de Sint-Pietersaalststraat?',
        matrixSession: { id: session.id },
      });

      const guest = await mutate(
        'inviteMatrixGuest',
        { sessionId: session.id, name: 'Buur Ahmed' },
        coordinator,
        'guestToken userErrors { code }',
      );
      expect(guest.guestToken).toEqual(expect.any(String));

      const soup = (await mutate('addIdea', { sessionId: session.id, title: 'Soepcafé', row: 0, column: 1 }, bakker.token)).matrixSession;
      const soupId = soup.ideas[0].id;
      t.clock.advance(1000);
      const bench = (
        await mutate(
          'addIdea',
          { sessionId: session.id, title: 'Bank <script>', row: 1, column: 0, guestToken: guest.guestToken },
          undefined,
        )
      ).matrixSession.ideas.find((idea: any) => idea.title === 'Bank <script>');
      expect(bench).toMatchObject({ authorName: 'Buur Ahmed', author: null });
      t.clock.advance(1000);
      const kitchen = (
        await mutate('addIdea', { sessionId: session.id, title: 'Buurtkeuken', row: 0, column: 1 }, atelier.token)
      ).matrixSession.ideas.find((idea: any) => idea.title === 'Buurtkeuken');
      t.clock.advance(1000);
      await mutate('commentOnIdea', { ideaId: soupId, text: 'Wij leveren brood!', guestToken: guest.guestToken }, undefined);

      await mutate('voteForIdea', { ideaId: soupId }, bakker.token);
      await mutate('voteForIdea', { ideaId: soupId }, bakker.token);
      await mutate('voteForIdea', { ideaId: kitchen.id }, atelier.token);
      await mutate('voteForIdea', { ideaId: bench.id, guestToken: guest.guestToken }, undefined);
      const withdrawn = await mutate('withdrawVote', { ideaId: soupId }, bakker.token);
      expect(withdrawn.matrixSession.ideas.find((idea: any) => idea.id === soupId).votes).toBe(1);

      // Merging keeps both histories and adds the votes; the atelier's vote now counts for the soup café.
      const merged = await mutate('mergeIdeas', { ideaId: kitchen.id, intoIdeaId: soupId }, coordinator);
      expect(merged.userErrors).toEqual([]);
      const soupAfter = merged.matrixSession.ideas.find((idea: any) => idea.id === soupId);
      expect(soupAfter).toMatchObject({
        votes: 2,
        mergedIdeas: [{ id: kitchen.id }],
        contributors: ['Bakkerij <Lies>', 'Atelier Hout', 'Buur Ahmed'],
      });
      expect(merged.matrixSession.ideas.map((idea: any) => idea.id)).not.toContain(kitchen.id);
      // The atelier takes its vote back from the merged idea: it was cast on the kitchen, and goes.
      const back = await mutate('withdrawVote', { ideaId: soupId }, atelier.token);
      expect(back.matrixSession.ideas.find((idea: any) => idea.id === soupId).votes).toBe(1);
      await mutate('voteForIdea', { ideaId: soupId }, atelier.token);

      const early = await mutate(
        'promoteIdea',
        { ideaId: soupId, promoterPartnerId: bakker.partner.id, motivation: 'Samen koken' },
        coordinator,
        'project { id } userErrors { code }',
      );
      expect(early.userErrors).toEqual([{ code: 'SESSION_OPEN' }]);

      const closed = (await mutate('closeMatrixSession', { sessionId: session.id }, coordinator)).matrixSession;
      expect(closed.status).toBe('CLOSED');
      expect(closed.ideas.map((idea: any) => [idea.title, idea.votes])).toEqual([
        ['Soepcafé', 2],
        ['Bank <script>', 1],
      ]);
      expect(closed.cells.find((cell: any) => cell.row === 0 && cell.column === 1)).toMatchObject({
        rowLabel: 'Ontmoeting',
        columnLabel: 'Koken',
        votes: 2,
      });
      expect(closed.markdown).toContain(
        '1. **Soepcafé** (Ontmoeting × Koken): 2 stemmen; bijdragen van Bakkerij \\<Lies\\>, Atelier Hout, Buur Ahmed',
      );
      expect(closed.markdown).toContain('### Groen × Timmeren (1 stem)');

      // The heat map: SVG behind the signed link, labels escaped, the hottest cell darkest.
      const url = new URL(closed.heatMapUrl);
      const svg = await t.request({ path: url.pathname, rawQuery: url.search.slice(1) });
      expect(svg.status).toBe(200);
      expect(svg.headers['content-type']).toMatch(/^image\/svg\+xml/);
      expect(svg.body).toContain('data-row="0" data-column="1" data-votes="2"');
      expect(svg.body).not.toContain('<script>');
      expect((await t.request({ path: url.pathname, rawQuery: 'token=forged' })).status).toBe(400);

      const promoted = await mutate(
        'promoteIdea',
        { ideaId: soupId, promoterPartnerId: bakker.partner.id, motivation: 'Samen koken verbindt de straat' },
        bakker.token,
        'project { id name status promoter { id } matrixIdea { id votes } } userErrors { code }',
      );
      expect(promoted.userErrors).toEqual([]);
      expect(promoted.project).toMatchObject({
        name: 'Soepcafé',
        status: 'IDEA',
        promoter: { id: bakker.partner.id },
        matrixIdea: { id: soupId, votes: 2 },
      });
      const again = await mutate(
        'promoteIdea',
        { ideaId: soupId, promoterPartnerId: bakker.partner.id, motivation: 'x' },
        coordinator,
        'userErrors { code }',
      );
      expect(again.userErrors).toEqual([{ code: 'ALREADY_PROMOTED' }]);
      const linked = await t.graphql(
        `query($id: ID!) { matrixSession(id: $id) { ideas { id project { id } } } }`,
        { id: session.id },
        coordinator,
      );
      expect(linked.data.matrixSession.ideas[0]).toEqual({ id: soupId, project: { id: promoted.project.id } });

      // The voters' partners (the bakery; the atelier through its vote on the merged idea) get the invitation to engage.
      await createDeliverer(t.app, createSmtpMailer(smtp.url)).deliverDue();
      const mails = await Promise.all(smtp.messages.map(async (message) => ({ to: message.to[0], mail: await simpleParser(message.raw) })));
      expect(mails.map((m) => m.to).sort()).toEqual(
        [(await partnerRepresentative(bakker.partner.id)).email, (await partnerRepresentative(atelier.partner.id)).email].sort(),
      );
      const toBakery = mails.find((m) => m.to === mails[0].to)!.mail;
      expect(toBakery.subject).toBe('Jullie idee wordt een project: Soepcafé');
      expect(toBakery.text).toContain('voor het idee "Soepcafé" (2 stemmen in totaal)');
      expect(toBakery.text).toContain('Samen koken verbindt de straat');
      expect(toBakery.html).not.toContain('<Lies>');
    } finally {
      await smtp.close();
    }
  });

  async function partnerRepresentative(partnerId: string) {
    const partner = await t.app.repositories.partners.get(partnerId);
    return partner!.representatives[0];
  }

  it('refuses ideas, votes and comments after close, votes over the budget, and non-participants, each with a Dutch userError', async () => {
    const member = await partnerMember();
    const session = await startSession({ votesPerParticipant: 2 });
    const idea = (await mutate('addIdea', { sessionId: session.id, title: 'Repair café', row: 0, column: 1 }, member.token)).matrixSession
      .ideas[0];

    expect((await mutate('voteForIdea', { ideaId: idea.id }, member.token)).userErrors).toEqual([]);
    expect((await mutate('voteForIdea', { ideaId: idea.id }, member.token)).userErrors).toEqual([]);
    const over = await mutate('voteForIdea', { ideaId: idea.id }, member.token);
    expect(over.userErrors).toEqual([expect.objectContaining({ code: 'NO_VOTES_LEFT', field: ['input', 'ideaId'] })]);
    expect(over.userErrors[0].message).toMatch(/al je 2 stemmen gebruikt/);
    const left = await t.graphql(
      `query($id: ID!) { matrixSession(id: $id) { votesLeft ideas { votes } } }`,
      { id: session.id },
      member.token,
    );
    expect(left.data.matrixSession).toEqual({ votesLeft: 0, ideas: [{ votes: 2 }] });

    const facilitator = await mutate('addIdea', { sessionId: session.id, title: 'X', row: 0, column: 0 }, coordinator);
    expect(facilitator.userErrors.map((e: any) => e.code)).toEqual(['NOT_PARTICIPANT']);
    const outsideCell = await mutate('addIdea', { sessionId: session.id, title: 'X', row: 5, column: 0 }, member.token);
    expect(outsideCell.userErrors.map((e: any) => e.code)).toEqual(['NO_SUCH_CELL']);
    const other = await startSession();
    const otherGuest = await mutate('inviteMatrixGuest', { sessionId: other.id, name: 'Gast' }, coordinator, 'guestToken');
    const wrongLink = await mutate('voteForIdea', { ideaId: idea.id, guestToken: otherGuest.guestToken }, undefined);
    expect(wrongLink.userErrors.map((e: any) => e.code)).toEqual(['NOT_PARTICIPANT']);
    const anonymous = await t.graphql(`mutation($input: VoteForIdeaInput!) { voteForIdea(input: $input) { userErrors { code } } }`, {
      input: { ideaId: idea.id },
    });
    expect(anonymous.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');

    // A guest's link ends with the session.
    const guest = await mutate('inviteMatrixGuest', { sessionId: session.id, name: 'Gast' }, coordinator, 'guestToken');
    await mutate('closeMatrixSession', { sessionId: session.id }, coordinator);
    const refusals = [
      await mutate('addIdea', { sessionId: session.id, title: 'Te laat', row: 0, column: 0 }, member.token),
      await mutate('voteForIdea', { ideaId: idea.id, guestToken: guest.guestToken }, undefined),
      await mutate('withdrawVote', { ideaId: idea.id }, member.token),
      await mutate('commentOnIdea', { ideaId: idea.id, text: 'Nog iets' }, member.token),
      await mutate('updateMatrixAxes', { sessionId: session.id, rows: ['A'], columns: ['B'] }, coordinator),
    ];
    expect(refusals.map((r) => r.userErrors.map((e: any) => e.code))).toEqual([
      ['SESSION_CLOSED'],
      ['SESSION_CLOSED'],
      ['SESSION_CLOSED'],
      ['SESSION_CLOSED'],
      ['SESSION_CLOSED'],
    ]);
    expect(refusals[0].userErrors[0].message).toMatch(/afgesloten/);
    const asGuest = await t.graphql(`query($id: ID!, $g: String) { matrixSession(id: $id, guestToken: $g) { id } }`, {
      id: session.id,
      g: guest.guestToken,
    });
    expect(asGuest.errors?.[0].extensions.code).toBe('FORBIDDEN');
    const state = await t.app.repositories.matrix.loadState(session.id);
    expect(state!.ideas.map((i) => [i.title, i.votes])).toEqual([['Repair café', 2]]);
  });

  it('edits the axes while open, but keeps every row and column that holds ideas', async () => {
    const member = await partnerMember();
    const session = await startSession();
    await mutate('addIdea', { sessionId: session.id, title: 'Moestuin', row: 1, column: 1 }, member.token);
    const renamed = await mutate(
      'updateMatrixAxes',
      { sessionId: session.id, rows: ['Ontmoeting', 'Groen en klimaat', 'Werk'], columns: ['Koken', 'Hout'] },
      coordinator,
    );
    expect(renamed.matrixSession).toMatchObject({ rows: ['Ontmoeting', 'Groen en klimaat', 'Werk'], columns: ['Koken', 'Hout'] });
    const shrunk = await mutate(
      'updateMatrixAxes',
      { sessionId: session.id, rows: ['Ontmoeting'], columns: ['Koken', 'Hout'] },
      coordinator,
    );
    expect(shrunk.userErrors.map((e: any) => e.code)).toEqual(['AXIS_IN_USE']);
  });

  it('lets 50 participants vote at once, some from two devices, never over anyone’s budget and without losing a vote', async () => {
    const session = await startSession({ votesPerParticipant: 3 });
    const author = await partnerMember();
    const ideas: string[] = [];
    for (const title of ['Eén', 'Twee']) {
      const added = await mutate('addIdea', { sessionId: session.id, title, row: 0, column: 0 }, author.token);
      ideas.push(added.matrixSession.ideas.find((idea: any) => idea.title === title).id);
    }
    const guests = await Promise.all(
      Array.from({ length: 50 }, (_, index) =>
        t.app.matrix.inviteGuest(
          { id: 'c', email: 'c@destek.test', role: 'COORDINATOR' },
          { sessionId: session.id, name: `Deelnemer ${index}` },
        ),
      ),
    );
    // Each participant tries 5 votes (two devices, at the same moment) with a budget of 3.
    const attempts = guests.flatMap((guestToken, index) =>
      Array.from({ length: 5 }, (_, n) => ({ guestToken, ideaId: ideas[(index + n) % 2] })),
    );
    const results = await Promise.allSettled(attempts.map(({ guestToken, ideaId }) => t.app.matrix.vote({ guestToken }, { ideaId })));
    const refused = results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason);
    expect(refused.every((reason) => reason.userErrors?.[0]?.code === 'NO_VOTES_LEFT')).toBe(true);
    const succeeded = results.filter((r) => r.status === 'fulfilled').length;

    const state = (await t.app.repositories.matrix.loadState(session.id))!;
    expect(succeeded).toBe(150);
    expect(state.ideas.reduce((sum, idea) => sum + idea.votes, 0)).toBe(succeeded);
    expect(state.votes.reduce((sum, vote) => sum + vote.count, 0)).toBe(succeeded);
    expect(state.votesUsed.size).toBe(50);
    expect([...state.votesUsed.values()].every((used) => used === 3)).toBe(true);
  }, 120_000);

  it('tells a live client what changed since its cursor, in one DynamoDB request per poll', async () => {
    const member = await partnerMember();
    const session = await startSession();
    for (let i = 0; i < 30; i += 1) await mutate('addIdea', { sessionId: session.id, title: `Idee ${i}`, row: 0, column: 1 }, member.token);
    // The feed returns changes of the last few seconds again (late index entries): poll a minute later.
    t.clock.advance(60_000);
    const poll = `query($id: ID!, $since: String) { matrixSessionChanges(sessionId: $id, since: $since) { cursor hasMore session { status } ideas { id title votes } } }`;

    t.roundTrips.reset();
    const first = (await t.graphql(poll, { id: session.id }, member.token)).data.matrixSessionChanges;
    expect(t.roundTrips.total).toBe(1);
    expect(first.ideas).toHaveLength(30);
    expect(first.session).toEqual({ status: 'OPEN' });

    t.clock.advance(60_000);
    const target = first.ideas[7];
    await mutate('voteForIdea', { ideaId: target.id }, member.token);
    t.clock.advance(10_000);
    t.roundTrips.reset();
    const second = (await t.graphql(poll, { id: session.id, since: first.cursor }, member.token)).data.matrixSessionChanges;
    expect(t.roundTrips.total).toBe(1);
    expect(second.ideas).toEqual([{ ...target, votes: 1 }]);
    expect(second.session).toBeNull();

    t.clock.advance(60_000);
    await mutate('closeMatrixSession', { sessionId: session.id }, coordinator);
    const third = (await t.graphql(poll, { id: session.id, since: second.cursor }, member.token)).data.matrixSessionChanges;
    expect(third).toMatchObject({ session: { status: 'CLOSED' }, ideas: [], hasMore: false });
  });
});
