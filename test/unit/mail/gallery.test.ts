import { friendlyData, gallerySamples, type GalleryData } from '../../../functions/mail/templates/gallery';
import { escapeHtml } from '../../../functions/shared/html';

/** Names that break naive templates: long, HTML, emoji, right-to-left, quotes and ampersands. */
const hostile: GalleryData = {
  person: `Zoë "<script>alert(1)</script>" ${'Van den Bossche-'.repeat(12)}🎉`,
  business: "Bakkerij <b>&amp; Zonen</b> 🥖 't Hoekske",
  place: 'שדרות רוטשילד 12 / شارع 5 <img src=x onerror=alert(1)>',
  title: 'Overleg <i>1 & 2</i> — مرحبا 👋',
  reason: 'Zaal "bezet" & <u>dicht</u>',
  link: 'https://destek.example/a?x=1&y="2"',
  names: {
    network: 'Locon <De> Stek',
    organisation: 'Schakel & co vzw',
    neighbourhood: 'Straat "7"',
    contactEmail: 'hallo@destek.example',
  },
};

describe('the email gallery: every kind, every language', () => {
  it('renders every kind in Dutch and English (the forward to the coordinator in Dutch only), English without Dutch words', () => {
    const samples = gallerySamples();
    const stems = (language: string) =>
      samples
        .filter((sample) => sample.language === language)
        .map((sample) => sample.name.replace(/\.(nl|en)$/, ''))
        .sort();
    expect(stems('en')).toEqual(stems('nl').filter((stem) => stem !== 'forward'));
    expect(stems('nl')).toEqual(
      expect.arrayContaining([
        'buurtbabbel-invitation',
        'meeting-invitation',
        'meeting-removal',
        'review-request',
        'review-copy',
        'review-no-answer',
        'review-unreachable',
        'idea-promoted',
        'stale-reply-note',
        'forward',
      ]),
    );
    expect(samples).toHaveLength(45);
    for (const sample of gallerySamples(friendlyData).filter((s) => s.language === 'en')) {
      expect({ name: sample.name, text: sample.email.text }).not.toEqual({
        name: sample.name,
        text: expect.stringMatching(/\b(Dag|Wanneer|Waar|Ik kom|Met vriendelijke groet|Thema's|Reden|consolidatiebespreking)\b/),
      });
      expect(sample.email.html).toContain('<html lang="en-GB">');
      if (sample.email.calendar) expect(sample.email.calendar.content).not.toMatch(/Thema's/);
    }
    expect(samples.find((s) => s.name === 'meeting-invitation.en')!.email.calendar!.content).toContain('DESCRIPTION:Themes: ');
  });

  it("writes the network names from the settings, never today's names, in every kind", () => {
    for (const sample of gallerySamples(hostile)) {
      const all = `${sample.email.subject}\n${sample.email.text}\n${sample.email.html}\n${sample.email.calendar?.content ?? ''}`;
      expect({ name: sample.name, found: all.match(/Locon De Stek|Schakel vzw|Sint-Pietersaalststraat/g) }).toEqual({
        name: sample.name,
        found: null,
      });
      expect(sample.email.text).toContain('Schakel & co vzw');
    }
  });

  it.each(gallerySamples(hostile).map((sample) => [sample.name, sample] as const))(
    '%s carries the same facts and links in text and HTML, escaped in the HTML',
    (_name, sample) => {
      const { text, html, subject } = sample.email;
      for (const fact of sample.facts) {
        expect(text).toContain(fact);
        expect(html).toContain(escapeHtml(fact));
      }
      for (const link of sample.links) {
        expect(text).toContain(link);
        expect(html).toContain(`href="${escapeHtml(link)}"`);
      }
      // Nothing hostile gets through as markup, in the body or the title.
      expect(html).not.toMatch(/<script|<img|<b>|<i>|<u>|<De>/);
      expect(html).toContain(`<title>${escapeHtml(subject)}</title>`);
      expect(text).not.toContain('&amp;amp;');
    },
  );
});
