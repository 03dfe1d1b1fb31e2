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
  it('renders every buurtbabbel kind in every language, with the kinds not yet translated in Dutch', () => {
    const names = gallerySamples().map((sample) => sample.name);
    expect(names).toEqual(
      expect.arrayContaining(['buurtbabbel-invitation.nl', 'buurtbabbel-invitation.en', 'buurtbabbel-cancellation.en']),
    );
    expect(names).toHaveLength(25);
    for (const sample of gallerySamples(friendlyData).filter((s) => s.language === 'en')) {
      expect(sample.email.text).not.toMatch(/\b(Dag|Wanneer|Waar|Ik kom)\b/);
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
