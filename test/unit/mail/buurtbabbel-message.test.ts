import { renderBuurtbabbelMessage, type BuurtbabbelMessageInput } from '../../../functions/mail/templates/buurtbabbel-message';
import { parseIcs } from '../../support/parse-ics';
import { WINTER_END, WINTER_START } from './support/fixtures';

function input(overrides: Partial<BuurtbabbelMessageInput> = {}): BuurtbabbelMessageInput {
  return {
    kind: 'invitation',
    recipientName: 'Lotte',
    businessName: 'Kapsalon Lotte',
    startsAt: WINTER_START,
    endsAt: WINTER_END,
    location: 'Sint-Pietersaalststraat 12, 9000 Gent',
    hostName: 'Bakkerij Peeters',
    unsubscribeLink: 'https://destek.test/unsubscribe?token=u',
    uid: 'buurtbabbel-1@destek.test',
    sequence: 2,
    organizer: { name: 'Locon De Stek', email: 'overleg@destek.test' },
    unsubscribeMailto: 'mailto:overleg@destek.test?subject=uitschrijven',
    stamp: new Date('2026-11-20T08:00:00Z'),
    ...overrides,
  };
}

describe('renderBuurtbabbelMessage', () => {
  it('puts List-Unsubscribe with one-click on every mail', () => {
    for (const kind of ['invitation', 'reminder', 'accepted', 'waiting', 'promoted', 'cancellation'] as const) {
      expect(renderBuurtbabbelMessage(input({ kind })).headers).toEqual({
        'List-Unsubscribe': '<https://destek.test/unsubscribe?token=u>, <mailto:overleg@destek.test?subject=uitschrijven>',
        'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      });
    }
  });

  it('adds a calendar entry only for a seat (PUBLISH) or a cancellation (CANCEL)', () => {
    expect(renderBuurtbabbelMessage(input({ kind: 'invitation' })).calendar).toBeUndefined();
    expect(renderBuurtbabbelMessage(input({ kind: 'waiting' })).calendar).toBeUndefined();
    expect(renderBuurtbabbelMessage(input({ kind: 'accepted' })).calendar?.method).toBe('PUBLISH');
    expect(renderBuurtbabbelMessage(input({ kind: 'promoted' })).calendar?.method).toBe('PUBLISH');
    const cancellation = renderBuurtbabbelMessage(input({ kind: 'cancellation' })).calendar;
    expect(cancellation?.method).toBe('CANCEL');
    const [event] = parseIcs(cancellation!.content).events;
    expect(event).toMatchObject({
      uid: 'buurtbabbel-1@destek.test',
      sequence: 2,
      summary: 'Buurtbabbel Locon De Stek',
      description: 'Te gast bij Bakkerij Peeters.',
    });
    expect(event.start).toEqual(WINTER_START);
  });

  it('writes the calendar entry (SUMMARY, DESCRIPTION) in the recipient’s language, with the network’s name', () => {
    const names = { network: 'Locon De Brug', organisation: 'Brug vzw', neighbourhood: 'Dampoort', contactEmail: 'info@debrug.be' };
    const [english] = parseIcs(renderBuurtbabbelMessage(input({ kind: 'accepted', language: 'en', names })).calendar!.content).events;
    expect(english).toMatchObject({ summary: 'Neighbourhood chat Locon De Brug', description: 'Hosted by Bakkerij Peeters.' });
    const [dutch] = parseIcs(renderBuurtbabbelMessage(input({ kind: 'accepted', names })).calendar!.content).events;
    expect(dutch).toMatchObject({ summary: 'Buurtbabbel Locon De Brug', description: 'Te gast bij Bakkerij Peeters.' });
  });
});
