import type { MeetingRecord } from '../../../functions/modules/meetings/meeting';
import { planMeetingDispatch } from '../../../functions/modules/meetings/meeting-dispatch';
import { partnerRecord } from '../../support/records';

const meeting: MeetingRecord = {
  id: 'm1',
  title: 'Overleg',
  startsAt: '2026-12-10T18:30:00.000Z',
  endsAt: '2026-12-10T20:30:00.000Z',
  location: 'Gent',
  status: 'PLANNED',
  themes: [],
  agenda: [],
  invitations: {
    a: { partnerId: 'a', response: 'ACCEPTED', invitedAt: '' },
    b: { partnerId: 'b', response: 'NEEDS_ACTION', invitedAt: '' },
  },
  attendance: [],
  sequence: 2,
  version: 5,
  createdAt: '',
  updatedAt: '',
};

const partners = new Map([
  [
    'a',
    partnerRecord('a', [
      { name: 'An', email: 'an@a.be' },
      { name: 'Bart', email: 'bart@a.be' },
    ]),
  ],
  ['b', partnerRecord('b', [])],
  ['c', partnerRecord('c', [{ name: 'Cas', email: 'cas@c.be' }])],
]);

describe('planning the emails of a meeting change', () => {
  it('is keyed by meeting version, one recipient per address, each carrying its partner answer and no other invitee', () => {
    const dispatch = planMeetingDispatch({
      meeting,
      partners,
      uidDomain: 'destek.test',
      createdAt: 'now',
      groups: [{ partnerIds: ['a', 'b'], method: 'REQUEST', emailKind: 'update' }],
    })!;
    expect(dispatch.id).toBe('meeting.m1.v5');
    expect(dispatch.recipients.map((r) => r.email)).toEqual(['an@a.be', 'bart@a.be', 'b@example.be']);
    expect(new Set(dispatch.recipients.map((r) => r.key)).size).toBe(3);
    expect(dispatch.payload).toMatchObject({ uid: 'meeting-m1@destek.test', sequence: 2, status: 'CONFIRMED' });
    expect(dispatch.payload.attendees).toBeUndefined();
    expect(dispatch.recipients.map((r) => `${r.email}:${r.data.partstat}`)).toEqual([
      'an@a.be:ACCEPTED',
      'bart@a.be:ACCEPTED',
      'b@example.be:NEEDS-ACTION',
    ]);
  });

  it('gives added partners a REQUEST and removed ones a CANCEL in the same dispatch', () => {
    const dispatch = planMeetingDispatch({
      meeting,
      partners,
      uidDomain: 'destek.test',
      createdAt: 'now',
      groups: [
        { partnerIds: ['b'], method: 'REQUEST', emailKind: 'invitation' },
        { partnerIds: ['c'], method: 'CANCEL', emailKind: 'cancellation', removedFromMeeting: true },
      ],
    })!;
    expect(dispatch.recipients.map((r) => [r.email, r.data.method, r.data.removedFromMeeting ?? false])).toEqual([
      ['b@example.be', 'REQUEST', false],
      ['cas@c.be', 'CANCEL', true],
    ]);
  });

  it('plans nothing when nobody is to be told', () => {
    expect(
      planMeetingDispatch({
        meeting,
        partners,
        uidDomain: 'x',
        createdAt: 'now',
        groups: [{ partnerIds: [], method: 'REQUEST', emailKind: 'invitation' }],
      }),
    ).toBeUndefined();
  });
});
