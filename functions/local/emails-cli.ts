import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gallerySamples } from '../mail/templates/gallery';
import { galleryFiles, galleryIndexBody } from './gallery-page';
import { htmlPage } from './html';
import { defaultDataDir } from './paths';

/**
 * `npm run emails`: every email kind, in every language it exists in, rendered with sample data to
 * .data/emails/ (HTML, text, and .ics where the mail carries one) with an index.html to browse them.
 * The local outbox shows the same gallery at /outbox/emails.
 */
function main(): void {
  const dir = join(defaultDataDir, 'emails');
  mkdirSync(dir, { recursive: true });
  const samples = gallerySamples();
  for (const sample of samples) for (const { file, content } of galleryFiles(sample)) writeFileSync(join(dir, file), content);
  writeFileSync(join(dir, 'index.html'), htmlPage('E-mails', galleryIndexBody(samples)));
  console.log(`Wrote ${samples.length} emails to ${dir} (open index.html)`);
}

main();
