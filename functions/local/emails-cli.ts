import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gallerySamples } from '../mail/templates/gallery';
import { escapeHtml } from '../shared/html';
import { defaultDataDir } from './paths';

/**
 * `npm run emails`: every email kind, in every language it exists in, rendered with sample data to
 * .data/emails/ (HTML, text, and .ics where the mail carries one) with an index.html to browse them.
 */
function main(): void {
  const dir = join(defaultDataDir, 'emails');
  mkdirSync(dir, { recursive: true });
  const rows: string[] = [];
  for (const sample of gallerySamples()) {
    writeFileSync(join(dir, `${sample.name}.html`), sample.email.html);
    writeFileSync(join(dir, `${sample.name}.txt`), sample.email.text);
    const ics = sample.email.calendar ? `${sample.name}.ics` : undefined;
    if (ics) writeFileSync(join(dir, ics), sample.email.calendar!.content);
    rows.push(
      `<tr><td>${escapeHtml(sample.name)}</td><td>${escapeHtml(sample.email.subject)}</td><td><a href="${escapeHtml(sample.name)}.html">HTML</a> · <a href="${escapeHtml(sample.name)}.txt">tekst</a>${ics ? ` · <a href="${escapeHtml(ics)}">.ics</a>` : ''}</td></tr>`,
    );
  }
  writeFileSync(
    join(dir, 'index.html'),
    `<!doctype html><html lang="nl-BE"><head><meta charset="utf-8"><title>E-mails</title></head><body style="font-family:system-ui,sans-serif">
<h1>Alle e-mails</h1><table cellpadding="4">${rows.join('\n')}</table></body></html>\n`,
  );
  console.log(`Wrote ${rows.length} emails to ${dir} (open index.html)`);
}

main();
