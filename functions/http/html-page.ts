import { escapeHtml } from '../mail/html';

/** A plain, readable Dutch page for people who arrive from a link in an email. */
export function htmlPage(title: string, bodyHtml: string): string {
  return `<!doctype html>
<html lang="nl-BE">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${escapeHtml(title)} · Locon De Stek</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 36rem; margin: 2rem auto; padding: 0 1rem; color: #222; line-height: 1.5">
<p style="color:#2f6b3a; font-weight: 600">Locon De Stek</p>
<h1 style="font-size: 1.4rem">${escapeHtml(title)}</h1>
${bodyHtml}
</body></html>`;
}
