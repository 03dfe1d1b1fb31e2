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
    ['accepted', 'Je plaats is bevestigd: buurtbabbel op donderdag 3 december 2026 om 19:30'],
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

  it('says in the first invitation who we are and how we know their address, in plain words', () => {
    const { text } = renderBuurtbabbelEmail(input());
    expect(text).toContain(
      'Locon De Stek is een lokaal netwerk van ondernemers, verenigingen en vrijwilligers die samen projecten opzetten in de buurt. Schakel vzw is de vzw die het netwerk coördineert en deze uitnodigingen verstuurt.',
    );
    expect(text).toContain('Jullie e-mailadres staat in de lijst van buurtondernemingen die Schakel vzw bijhoudt');
    expect(renderBuurtbabbelEmail(input({ source: 'langsgegaan in de zaak' })).text).toContain(
      'Zo kwam jullie e-mailadres in onze lijst van buurtondernemingen: langsgegaan in de zaak.',
    );
    expect(renderBuurtbabbelEmail(input({ kind: 'reminder' })).text).not.toContain('Schakel vzw is de vzw');
  });

  it('uses the network’s names from the settings, and gives the contact address to write to', () => {
    const names = { network: 'Locon De Brug', organisation: 'Brug vzw', neighbourhood: 'Dampoort', contactEmail: 'info@debrug.be' };
    const { text, html } = renderBuurtbabbelEmail(input({ names }));
    expect(text).toMatch(/^Dag Lotte,\n\nLocon De Brug nodigt de ondernemers rond de Dampoort uit/);
    expect(text).toContain('Vragen? Mail naar info@debrug.be.');
    expect(text).toContain('Brug vzw, voor Locon De Brug');
    expect(text).not.toMatch(/De Stek|Schakel|Sint-Pietersaalststraat uit/);
    expect(html).toContain('<a href="mailto:info@debrug.be">info@debrug.be</a>');
  });

  it('writes to an English-speaking neighbour in English, dates included', () => {
    const { subject, text, html } = renderBuurtbabbelEmail(input({ language: 'en' }));
    expect(subject).toBe('Invitation: neighbourhood chat on Thursday 3 December 2026 at 19:30');
    expect(text).toMatch(/^Dear Lotte,\n\nLocon De Stek invites the entrepreneurs around the Sint-Pietersaalststraat/);
    expect(text).toContain('When: Thursday 3 December 2026, 19:30–21:30\nWhere: Sint-Pietersaalststraat 12, 9000 Gent');
    expect(text).toContain(`I’m coming: ${links.yes}\nMaybe: ${links.maybe}\nI’m not coming: ${links.no}`);
    expect(text).toContain('No longer want invitations to neighbourhood chats? Unsubscribe:');
    expect(text).not.toMatch(/Dag |Wanneer|Ik kom/);
    expect(html).toContain('<html lang="en-GB">');
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

  it('offers those who answered to change their answer, with a question that fits all three buttons', () => {
    expect(renderBuurtbabbelEmail(input({ kind: 'reminder' })).text).toContain(
      `Verandert er iets? Kies je nieuwe antwoord:\nIk kom: ${links.yes}\nMisschien: ${links.maybe}\nIk kom niet: ${links.no}`,
    );
    expect(renderBuurtbabbelEmail(input({ kind: 'accepted' })).text).not.toContain('Kan je toch niet komen');
    expect(renderBuurtbabbelEmail(input({ kind: 'reminder' })).text).toContain('Over twee dagen is het zover: de buurtbabbel.');
  });
});
