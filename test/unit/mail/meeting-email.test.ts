import { renderMeetingEmail, type MeetingEmailInput } from '../../../functions/mail/templates/meeting-email';
import { WINTER_END, WINTER_START, winterInvitationEmail } from './support/fixtures';
import { runUnderTimeZone } from './support/run-under-time-zone';

const links = {
  accept: 'https://destek.local/antwoord/tok123?keuze=ja&van=mail',
  tentative: 'https://destek.local/antwoord/tok123?keuze=misschien&van=mail',
  decline: 'https://destek.local/antwoord/tok123?keuze=nee&van=mail',
};

function input(overrides: Partial<MeetingEmailInput> = {}): MeetingEmailInput {
  return {
    kind: 'invitation',
    recipientName: 'Jan',
    partnerName: 'Bakkerij Peeters',
    title: 'Overleg De Stek',
    startsAt: WINTER_START,
    endsAt: WINTER_END,
    location: 'Sint-Pietersaalststraat 12, 9000 Gent',
    themes: ['Buurtbabbel in het voorjaar', 'Nieuwe projecten'],
    answerLinks: links,
    ...overrides,
  };
}

describe('renderMeetingEmail', () => {
  it.each([
    ['invitation', 'Uitnodiging: Overleg De Stek op donderdag 3 december 2026 om 19:30'],
    ['update', 'Gewijzigd: Overleg De Stek op donderdag 3 december 2026 om 19:30'],
    ['cancellation', 'Geannuleerd: Overleg De Stek op donderdag 3 december 2026 om 19:30'],
  ] as const)('subject of the %s: "%s"', (kind, subject) => {
    expect(renderMeetingEmail(input({ kind })).subject).toBe(subject);
  });

  it('says in the text what, when, where and which themes, and greets by name', () => {
    const { text } = renderMeetingEmail(input());
    expect(text).toMatch(/^Dag Jan,\n/);
    expect(text).toContain('Wat: Overleg De Stek');
    expect(text).toContain('Wanneer: donderdag 3 december 2026, 19:30–21:30');
    expect(text).toContain('Waar: Sint-Pietersaalststraat 12, 9000 Gent');
    expect(text).toContain("Thema's:\n- Buurtbabbel in het voorjaar\n- Nieuwe projecten");
    expect(text).toContain('Bakkerij Peeters');
  });

  it('offers the three answers in the text with their links, in order, and explains the confirm page', () => {
    const { text } = renderMeetingEmail(input());
    const accept = text.indexOf(`Ik kom: ${links.accept}`);
    const tentative = text.indexOf(`Misschien: ${links.tentative}`);
    const decline = text.indexOf(`Ik kom niet: ${links.decline}`);
    expect(accept).toBeGreaterThan(-1);
    expect(tentative).toBeGreaterThan(accept);
    expect(decline).toBeGreaterThan(tentative);
    expect(text).toContain('pagina waar je je antwoord nog bevestigt');
  });

  it('offers the three answers in the HTML as links with escaped URLs', () => {
    const { html } = renderMeetingEmail(input());
    expect(html).toMatch(/<a href="https:\/\/destek\.local\/antwoord\/tok123\?keuze=ja&amp;van=mail"[^>]*>Ik kom<\/a>/);
    expect(html).toMatch(/<a href="[^"]*keuze=misschien&amp;van=mail"[^>]*>Misschien<\/a>/);
    expect(html).toMatch(/<a href="[^"]*keuze=nee&amp;van=mail"[^>]*>Ik kom niet<\/a>/);
    expect(html).toContain('donderdag 3 december 2026, 19:30–21:30');
    expect(html).toContain('Sint-Pietersaalststraat 12, 9000 Gent');
    expect(html).toContain('<li>Nieuwe projecten</li>');
    expect(html).toContain('<html lang="nl-BE">');
  });

  it('tells an update apart from an invitation', () => {
    const { text } = renderMeetingEmail(input({ kind: 'update' }));
    expect(text).toContain('Overleg De Stek is gewijzigd');
    expect(text).toContain(`Ik kom: ${links.accept}`);
  });

  it('gives a cancellation its reason and no answer links, even when links are passed', () => {
    const { text, html } = renderMeetingEmail(input({ kind: 'cancellation', cancelReason: 'Te weinig deelnemers' }));
    expect(text).toContain('Overleg De Stek gaat niet door');
    expect(text).toContain('Reden: Te weinig deelnemers');
    expect(html).toContain('Te weinig deelnemers');
    for (const url of Object.values(links)) {
      expect(text).not.toContain(url);
      expect(html).not.toContain(url.replace(/&/g, '&amp;'));
    }
    expect(text).not.toContain('Ik kom');
    expect(html).not.toContain('Ik kom');
  });

  it('leaves out the answer block when there are no links and the theme list when there are no themes', () => {
    const { text, html } = renderMeetingEmail(input({ answerLinks: undefined, themes: [] }));
    expect(text).not.toContain('Ik kom');
    expect(text).not.toContain("Thema's");
    expect(html).not.toContain('<ul>');
  });

  it('greets without a name when none is known', () => {
    const { text, html } = renderMeetingEmail(input({ recipientName: undefined }));
    expect(text).toMatch(/^Dag,\n/);
    expect(html).toContain('<p>Dag,</p>');
  });

  it('adds the feed hint, with its address as a link in the HTML', () => {
    const feedHint = 'Zet alle vergaderingen in je agenda: webcal://destek.local/agenda/abc.ics';
    const { text, html } = renderMeetingEmail(input({ feedHint }));
    expect(text).toContain(feedHint);
    expect(html).toContain('<a href="webcal://destek.local/agenda/abc.ics">webcal://destek.local/agenda/abc.ics</a>');
  });

  it('escapes every value put into the HTML', () => {
    const evil = '<script>alert("x")</script>';
    const { html, text, subject } = renderMeetingEmail(
      input({
        kind: 'cancellation',
        title: `Overleg ${evil}`,
        recipientName: `Jan ${evil}`,
        partnerName: `Bakkerij ${evil}`,
        location: `Zaal ${evil}`,
        themes: [`Thema ${evil}`],
        cancelReason: `Reden ${evil}`,
        feedHint: `Agenda ${evil}`,
      }),
    );
    expect(html).not.toContain('<script');
    expect(html.match(/&lt;script&gt;alert\(&quot;x&quot;\)&lt;\/script&gt;/g)?.length).toBeGreaterThanOrEqual(8);
    // The plain-text part and the subject are not HTML: they keep the text as it is.
    expect(text).toContain(`Overleg ${evil}`);
    expect(subject).toContain(`Overleg ${evil}`);
  });

  it('refuses an answer link that is not a web address', () => {
    expect(() => renderMeetingEmail(input({ answerLinks: { ...links, decline: 'javascript:alert(1)' } }))).toThrow(/javascript/);
  });

  it('writes the same mail on a server in another zone', () => {
    const here = renderMeetingEmail(winterInvitationEmail);
    const tokyo = runUnderTimeZone('Asia/Tokyo');
    expect(tokyo.offsetMinutes).toBe(-540);
    expect(tokyo.email).toEqual(here);
    expect(tokyo.email.subject).toBe('Uitnodiging: Overleg De Stek op donderdag 3 december 2026 om 19:30');
  });
});
