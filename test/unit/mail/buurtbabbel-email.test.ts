import { renderBuurtbabbelEmail, type BuurtbabbelEmailInput } from '../../../functions/mail/templates/buurtbabbel-email';
import { WINTER_END, WINTER_START } from './support/fixtures';

const links = {
  yes: 'https://destek.test/buurtbabbel/answer?token=t&answer=YES',
  maybe: 'https://destek.test/buurtbabbel/answer?token=t&answer=MAYBE',
  no: 'https://destek.test/buurtbabbel/answer?token=t&answer=NO',
};

function input(overrides: Partial<BuurtbabbelEmailInput> = {}): BuurtbabbelEmailInput {
  return {
    kind: 'invitation',
    recipientName: 'Lotte',
    businessName: 'Kapsalon <Lotte>',
    startsAt: WINTER_START,
    endsAt: WINTER_END,
    location: 'Sint-Pietersaalststraat 12, 9000 Gent',
    hostName: 'Bakkerij Peeters',
    answerLinks: links,
    unsubscribeLink: 'https://destek.test/unsubscribe?token=u',
    ...overrides,
  };
}

describe('renderBuurtbabbelEmail', () => {
  it.each([
    ['invitation', 'Uitnodiging: buurtbabbel op donderdag 3 december 2026 om 19:30'],
    ['reminder', 'Herinnering: buurtbabbel op donderdag 3 december 2026 om 19:30'],
    ['accepted', 'Je bent welkom: buurtbabbel op donderdag 3 december 2026 om 19:30'],
    ['waiting', 'Wachtlijst: buurtbabbel op donderdag 3 december 2026 om 19:30'],
    ['promoted', 'Er is een plaats vrij: buurtbabbel op donderdag 3 december 2026 om 19:30'],
    ['cancellation', 'Geannuleerd: buurtbabbel op donderdag 3 december 2026 om 19:30'],
  ] as const)('subject of the %s: "%s"', (kind, subject) => {
    expect(renderBuurtbabbelEmail(input({ kind })).subject).toBe(subject);
  });

  it('invites with when, where, the host, the three answers and why they get it, with the opt-out last', () => {
    const { text } = renderBuurtbabbelEmail(input());
    expect(text).toMatch(/^Dag Lotte,\n\nLocon De Stek nodigt de ondernemers rond de Sint-Pietersaalststraat uit/);
    expect(text).toContain('We zijn te gast bij Bakkerij Peeters.');
    expect(text).toContain('Wanneer: donderdag 3 december 2026, 19:30–21:30\nWaar: Sint-Pietersaalststraat 12, 9000 Gent');
    expect(text).toContain(`Laat je weten of je komt?\nIk kom: ${links.yes}\nMisschien: ${links.maybe}\nIk kom niet: ${links.no}`);
    expect(text.trimEnd().endsWith('Meld je af:\nhttps://destek.test/unsubscribe?token=u')).toBe(true);
    expect(text).toContain('omdat Kapsalon <Lotte> een onderneming in de buurt is');
  });

  it('escapes names in the HTML and links the opt-out there too', () => {
    const { html } = renderBuurtbabbelEmail(input());
    expect(html).toContain('Kapsalon &lt;Lotte&gt;');
    expect(html).not.toContain('<Lotte>');
    expect(html).toContain('<a href="https://destek.test/unsubscribe?token=u">Geen uitnodigingen meer</a>');
    expect(html).toContain(`href="${links.yes.replace(/&/g, '&amp;')}"`);
  });

  it('offers no answer links on the waiting list or a cancellation, and gives the reason of a cancellation', () => {
    expect(renderBuurtbabbelEmail(input({ kind: 'waiting' })).text).not.toContain('answer=');
    const cancelled = renderBuurtbabbelEmail(input({ kind: 'cancellation', cancelReason: 'De zaal is niet vrij' }));
    expect(cancelled.text).not.toContain('answer=');
    expect(cancelled.text).toContain('Reden: De zaal is niet vrij');
    expect(cancelled.text).toContain('https://destek.test/unsubscribe?token=u');
  });

  it('asks those who said yes only whether they still come', () => {
    expect(renderBuurtbabbelEmail(input({ kind: 'reminder' })).text).toContain('Kan je toch niet komen? Laat het ons weten:');
    expect(renderBuurtbabbelEmail(input({ kind: 'reminder' })).text).toContain('Over twee dagen is het zover: de buurtbabbel.');
  });
});
