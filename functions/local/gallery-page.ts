import { escapeHtml } from '../shared/html';
import type { GallerySample } from '../mail/templates/gallery';

/** The files of one gallery sample: HTML, text, and the .ics when the mail carries one. */
export function galleryFiles(sample: GallerySample): { file: string; type: string; content: string }[] {
  return [
    { file: `${sample.name}.html`, type: 'text/html; charset=utf-8', content: sample.email.html },
    { file: `${sample.name}.txt`, type: 'text/plain; charset=utf-8', content: sample.email.text },
    ...(sample.email.calendar
      ? [{ file: `${sample.name}.ics`, type: 'text/calendar; charset=utf-8', content: sample.email.calendar.content }]
      : []),
  ];
}

/**
 * The gallery's index: every email kind per language, with its subject and its files. `npm run
 * emails` writes it to .data/emails/index.html; the local outbox serves it at /outbox/emails.
 */
export function galleryIndexBody(samples: GallerySample[], base = ''): string {
  const rows = samples.map((sample) => {
    const links = galleryFiles(sample)
      .map(
        ({ file }) => `<a href="${escapeHtml(`${base}${encodeURIComponent(file)}`)}">${escapeHtml(file.slice(sample.name.length + 1))}</a>`,
      )
      .join(' · ');
    return `<tr><td>${escapeHtml(sample.name)}</td><td lang="${sample.language}">${escapeHtml(sample.email.subject)}</td><td>${links}</td></tr>`;
  });
  return `<h1>Alle e-mails / All emails</h1>
<p>Elke soort mail met voorbeeldgegevens, in het Nederlands en het Engels. / Every kind of email with sample data, in Dutch and English.</p>
<table><thead><tr><th>Mail</th><th>Onderwerp / Subject</th><th>Bestanden / Files</th></tr></thead><tbody>
${rows.join('\n')}
</tbody></table>`;
}
