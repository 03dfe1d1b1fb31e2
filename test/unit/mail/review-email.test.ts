import { renderReviewEmail, type ReviewEmailInput } from '../../../functions/mail/templates/review-email';

const link = 'https://destek.local/review?token=abc&x=1';

function input(overrides: Partial<ReviewEmailInput> = {}): ReviewEmailInput {
  return {
    step: 'request',
    role: 'promoter',
    recipientName: 'Jan',
    projectName: 'Repair café',
    promoterName: 'Bakkerij Peeters',
    copyPartnerNames: ['Fietsatelier', 'Schakel vzw'],
    requestedAt: new Date('2027-03-01T07:00:00Z'),
    answerLink: link,
    ...overrides,
  };
}

describe('renderReviewEmail', () => {
  it.each([
    [{}, 'Consolidatiebespreking van Repair café: hoe gaat het verder?'],
    [{ step: 'reminder1' }, 'Herinnering: consolidatiebespreking van Repair café'],
    [{ step: 'reminder2' }, 'Tweede herinnering: consolidatiebespreking van Repair café'],
    [{ role: 'copy', answerLink: undefined }, 'Ter info: consolidatiebespreking van Repair café'],
    [{ step: 'coordinator', role: 'coordinator', answerLink: undefined }, 'Geen antwoord: consolidatiebespreking van Repair café'],
    [
      { step: 'request', role: 'coordinator', answerLink: undefined, promoterUnreachable: true },
      'Promotor niet bereikbaar: consolidatiebespreking van Repair café',
    ],
  ] as const)('subject for %j: "%s"', (overrides, subject) => {
    expect(renderReviewEmail(input(overrides as Partial<ReviewEmailInput>)).subject).toBe(subject);
  });

  it('asks the promoter to choose among the four outcomes, with the link and who is in copy', () => {
    const { text, html } = renderReviewEmail(input());
    expect(text).toMatch(/^Dag Jan,\n\nBakkerij Peeters is promotor van Repair café/);
    expect(text).toContain('- verder zoals nu;\n- overdragen aan een derde partij (zeg aan wie);');
    expect(text).toContain(`Geef je antwoord: ${link}`);
    expect(text).toContain('In kopie: Fietsatelier, Schakel vzw.');
    expect(text).toMatch(/Met vriendelijke groet,\nSchakel vzw, voor Locon De Stek\n$/);
    expect(html).toContain('<a href="https://destek.local/review?token=abc&amp;x=1"');
    expect(html).toContain('<li>stoppen.</li>');
  });

  it('reminds with the date of the request, and warns in the second reminder that the meeting takes it over', () => {
    const first = renderReviewEmail(input({ step: 'reminder1' })).text;
    expect(first).toContain('Op maandag 1 maart 2027 vroegen we hoe Repair café geconsolideerd kan worden.');
    expect(first).not.toContain('In kopie');
    expect(renderReviewEmail(input({ step: 'reminder2' })).text).toContain(
      'Zonder antwoord brengt de coördinator de vraag naar het volgende overleg.',
    );
  });

  it('tells the coordinator where the review went: the planned meeting, or the first one to be planned', () => {
    const base = input({ step: 'coordinator', role: 'coordinator', answerLink: undefined, recipientName: 'Locon De Stek' });
    expect(
      renderReviewEmail({ ...base, agendaMeeting: { title: 'Overleg maart', startsAt: new Date('2027-03-25T18:30:00Z') } }).text,
    ).toContain('De vraag staat nu op de agenda van Overleg maart op donderdag 25 maart 2027 om 19:30.');
    expect(renderReviewEmail(base).text).toContain('de vraag komt op de agenda van het eerste overleg dat je plant.');
  });

  it('greets the coordinator, whose mailbox bears the network name, without that name', () => {
    const text = renderReviewEmail(
      input({ step: 'coordinator', role: 'coordinator', answerLink: undefined, recipientName: 'Locon De Stek' }),
    ).text;
    expect(text).toMatch(
      /^Dag,\n\nBakkerij Peeters, promotor van Repair café, heeft niet geantwoord op de vraag van maandag 1 maart 2027 voor de consolidatiebespreking, ook niet na twee herinneringen\./,
    );
  });

  it('tells the coordinator when the promoter cannot be mailed, and what still follows', () => {
    const notice = (step: ReviewEmailInput['step']) =>
      renderReviewEmail(
        input({ step, role: 'coordinator', answerLink: undefined, recipientName: 'Locon De Stek', promoterUnreachable: true }),
      ).text;
    const atRequest = notice('request');
    expect(atRequest).toContain(
      'Onze mails over de consolidatiebespreking van Repair café komen niet aan bij Bakkerij Peeters, de promotor: hun e-mailadres wordt geweigerd. De vraag van maandag 1 maart 2027 heeft hen dus niet bereikt.',
    );
    expect(atRequest).toContain(
      'vul hun antwoord in de app in, of pas hun e-mailadres aan bij de partnergegevens. De herinneringen gaan dan naar het nieuwe adres.',
    );
    expect(atRequest).not.toContain('Geef je antwoord');
    expect(notice('reminder1')).toContain('De laatste herinnering gaat dan naar het nieuwe adres.');
    expect(notice('reminder2')).not.toContain('herinnering');
    expect(notice('coordinator')).toContain(
      'Bakkerij Peeters, promotor van Repair café, heeft niet geantwoord op de vraag van maandag 1 maart 2027 voor de consolidatiebespreking: onze mails kwamen niet aan, want hun e-mailadres wordt geweigerd.',
    );
  });

  it('gives an engaged partner the news without a link, and escapes names in the HTML', () => {
    const { text, html } = renderReviewEmail(input({ role: 'copy', partnerName: 'Fiets <atelier>', answerLink: undefined }));
    expect(text).toContain('Fiets <atelier> is betrokken bij Repair café. We vroegen de promotor, Bakkerij Peeters,');
    expect(text).not.toContain('http');
    expect(html).toContain('Fiets &lt;atelier&gt;');
  });
});
