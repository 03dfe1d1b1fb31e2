import { firstDueAt } from '../../../functions/modules/outbox/outbox';
import {
  decideAnswer,
  emptyCounts,
  invitationMoment,
  roundAfter,
  validateBuurtbabbel,
  type BuurtbabbelRecord,
} from '../../../functions/modules/buurtbabbels/buurtbabbel';
import { planBulkDispatches, recipientsPerDispatch } from '../../../functions/modules/buurtbabbels/buurtbabbel-dispatch';
import type { NeighbourRecord } from '../../../functions/modules/neighbours/neighbour';
import { newNeighbour } from '../../../functions/modules/neighbours/neighbour';

const now = new Date('2026-12-01T09:00:00Z');

function buurtbabbel(overrides: Partial<BuurtbabbelRecord> = {}): BuurtbabbelRecord {
  return {
    id: 'b1',
    startsAt: '2026-12-17T18:00:00.000Z',
    endsAt: '2026-12-17T20:00:00.000Z',
    location: 'Buurthuis',
    invitationDaysBefore: 14,
    invitationsAt: '2026-12-03T18:00:00.000Z',
    status: 'PLANNED',
    counts: emptyCounts(),
    waitingList: [],
    sequence: 0,
    version: 1,
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
    ...overrides,
  };
}

describe('answers to a buurtbabbel', () => {
  it('counts a first yes as accepted and brings the confirmation', () => {
    expect(decideAnswer(buurtbabbel(), undefined, 'YES', 'n1')).toEqual({
      status: 'ACCEPTED',
      counts: { ...emptyCounts(), accepted: 1 },
      waitingList: [],
      email: 'accepted',
    });
  });

  it('puts a yes beyond the maximum on the waiting list, in order', () => {
    const full = buurtbabbel({ maxGuests: 1, counts: { ...emptyCounts(), accepted: 1, waiting: 1, maybe: 1 }, waitingList: ['n2'] });
    expect(decideAnswer(full, 'MAYBE', 'YES', 'n3')).toEqual({
      status: 'WAITING',
      counts: { ...emptyCounts(), accepted: 1, waiting: 2, maybe: 0 },
      waitingList: ['n2', 'n3'],
      email: 'waiting',
    });
  });

  it('gives a withdrawn seat to the first on the waiting list', () => {
    const full = buurtbabbel({ maxGuests: 1, counts: { ...emptyCounts(), accepted: 1, waiting: 2 }, waitingList: ['n2', 'n3'] });
    expect(decideAnswer(full, 'ACCEPTED', 'NO', 'n1')).toEqual({
      status: 'DECLINED',
      counts: { ...emptyCounts(), accepted: 1, declined: 1, waiting: 1 },
      waitingList: ['n3'],
      promotedNeighbourId: 'n2',
    });
  });

  it('takes someone who leaves the waiting list off it without promoting anyone', () => {
    const full = buurtbabbel({ maxGuests: 1, counts: { ...emptyCounts(), accepted: 1, waiting: 2 }, waitingList: ['n2', 'n3'] });
    expect(decideAnswer(full, 'WAITING', 'MAYBE', 'n2')).toMatchObject({
      status: 'MAYBE',
      waitingList: ['n3'],
      counts: { accepted: 1, waiting: 1, maybe: 1 },
    });
  });

  it('changes nothing for the same answer twice, and a yes never leaves the waiting list by itself', () => {
    expect(decideAnswer(buurtbabbel(), 'ACCEPTED', 'YES', 'n1')).toBeUndefined();
    expect(decideAnswer(buurtbabbel(), 'WAITING', 'YES', 'n1')).toBeUndefined();
    expect(decideAnswer(buurtbabbel(), 'DECLINED', 'NO', 'n1')).toBeUndefined();
  });
});

describe('buurtbabbel rounds', () => {
  it('reminds two days before, unless the invitations went out later than that', () => {
    expect(roundAfter(buurtbabbel(), 'INVITATIONS', now)).toEqual({ round: 'REMINDERS', dueAt: new Date('2026-12-15T18:00:00.000Z') });
    expect(roundAfter(buurtbabbel(), 'INVITATIONS', new Date('2026-12-16T09:00:00Z'))).toBeUndefined();
    expect(roundAfter(buurtbabbel(), 'REMINDERS', now)).toBeUndefined();
  });

  it('invites and reminds whole days before, at the same Brussels clock time across a change to summer time', () => {
    // Summer time starts on 29 March 2026: 14 days before 1 April 17:30 (+02:00) is 18 March 17:30 (+01:00).
    expect(invitationMoment(new Date('2026-04-01T15:30:00Z'), 14)).toEqual(new Date('2026-03-18T16:30:00Z'));
    const afterChange = buurtbabbel({ startsAt: '2026-03-30T16:00:00.000Z', endsAt: '2026-03-30T18:00:00.000Z' });
    expect(roundAfter(afterChange, 'INVITATIONS', new Date('2026-03-16T09:00:00Z'))).toEqual({
      round: 'REMINDERS',
      dueAt: new Date('2026-03-28T17:00:00Z'),
    });
  });

  const invitationsTo = (neighbours: NeighbourRecord[], ratePerMinute: number) =>
    planBulkDispatches({
      buurtbabbel: buurtbabbel(),
      emailKind: 'invitation',
      neighbours,
      startAt: now,
      ratePerMinute,
      uidDomain: 'destek.test',
    });

  it('paces a mailing and splits it in dispatches well below the item size limit', () => {
    const neighbours: NeighbourRecord[] = Array.from({ length: recipientsPerDispatch + 50 }, (_, i) =>
      newNeighbour(
        {
          businessName: `Zaak ${i}`,
          contactName: 'Naam Voornaam-Lang',
          email: `zaak${i}@sint-pietersaalststraat.be`,
          street: `Sint-Pietersaalststraat ${i}`,
        },
        now,
      ),
    );
    const dispatches = invitationsTo(neighbours, 20);

    expect(dispatches.map((d) => [d.id, d.recipients.length])).toEqual([
      ['buurtbabbel.b1.invitation.0', recipientsPerDispatch],
      ['buurtbabbel.b1.invitation.1', 50],
    ]);
    const delays = dispatches.flatMap((d) => d.recipients.map((r) => r.delayMs ?? 0));
    expect(delays.slice(0, 3)).toEqual([0, 3_000, 6_000]);
    expect(delays[recipientsPerDispatch]).toBe(recipientsPerDispatch * 3_000);
    expect(new Set(dispatches.flatMap((d) => d.recipients.map((r) => r.key))).size).toBe(neighbours.length);
    // DynamoDB's limit is 400 KB per item; a dispatch stays far below, whatever the number of contacts.
    expect(Buffer.byteLength(JSON.stringify(dispatches[0]))).toBeLessThan(100_000);
  });

  it('holds the configured rate exactly over a mailing of several dispatches, counted from the moment its copies are written', () => {
    const neighbours: NeighbourRecord[] = Array.from({ length: 300 }, (_, i) =>
      newNeighbour(
        { businessName: `Zaak ${i}`, email: `zaak${i}@sint-pietersaalststraat.be`, street: `Sint-Pietersaalststraat ${i}` },
        now,
      ),
    );
    const dispatches = invitationsTo(neighbours, 600);
    // The copies are all written 1.8 s after the expansion began (the bench's 6.3 % at 600/min).
    const began = new Date('2026-12-06T18:00:00Z');
    const written = new Date(began.getTime() + 1_800);

    const due = dispatches.flatMap((d) => d.recipients.map((r) => firstDueAt(r, written).getTime()));

    expect(dispatches).toHaveLength(2);
    expect(new Set(due.slice(1).map((at, i) => at - due[i]))).toEqual(new Set([100]));
    // The rate a mail server sees, (n - 1) gaps from the first mail to the last: what was configured.
    expect(((due.length - 1) / (due[due.length - 1] - due[0])) * 60_000).toBe(600);
    // No mail is due before the first can leave: counted from the start, the 18 mails due during
    // the writes would leave at once, and the mailing run 6.4 % fast.
    expect(due.filter((at) => at <= written.getTime())).toHaveLength(1);
    const fromStart = dispatches.flatMap((d) => d.recipients.map((r) => Math.max(firstDueAt(r, began).getTime(), written.getTime())));
    expect(((fromStart.length - 1) / (fromStart[fromStart.length - 1] - fromStart[0])) * 60_000).toBeCloseTo(638.4, 1);
  });

  it('validates a new buurtbabbel', () => {
    const codes = validateBuurtbabbel(
      {
        startsAt: new Date('2026-11-30T18:00:00Z'),
        endsAt: new Date('2026-11-30T17:00:00Z'),
        location: ' ',
        maxGuests: 0,
        invitationDaysBefore: -1,
      },
      now,
    ).map((e) => e.code);
    expect(codes.sort()).toEqual(['END_BEFORE_START', 'INVALID_DAYS_BEFORE', 'INVALID_MAX_GUESTS', 'REQUIRED', 'START_IN_PAST']);
  });
});
