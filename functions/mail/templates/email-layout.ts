import { escapeHtml, safeHref } from '../../shared/html';

/** What every HTML email of De Stek shares: inline styles (mail clients drop style sheets) and the page around the blocks. */
export const emailStyles = {
  body: 'margin:0;padding:24px;background:#f6f6f4;font-family:Arial,Helvetica,sans-serif;color:#222;line-height:1.5;',
  card: 'max-width:560px;margin:0 auto;padding:24px;background:#ffffff;border-radius:6px;',
  label: 'padding:4px 16px 4px 0;vertical-align:top;color:#666;white-space:nowrap;',
  value: 'padding:4px 0;vertical-align:top;',
  button:
    'display:inline-block;margin:0 8px 8px 0;padding:10px 16px;border-radius:4px;background:#2e6b3f;color:#ffffff;text-decoration:none;font-weight:bold;',
  note: 'color:#666;font-size:13px;',
};

export const signature = 'Schakel vzw, voor Locon De Stek';

/** Under answer links: mail scanners open links, so a link only opens a page; the answer is a button there. */
const answerNote = 'Elke link opent een pagina waar je je antwoord nog bevestigt.';

/** The three answer links of an invitation (meeting or buurtbabbel), each to the page that confirms it. */
export interface AnswerLinks {
  yes: string;
  maybe: string;
  no: string;
}

const answerChoices = [
  ['yes', 'Ik kom'],
  ['maybe', 'Misschien'],
  ['no', 'Ik kom niet'],
] as const;

export function greeting(recipientName: string | undefined): string {
  return recipientName ? `Dag ${recipientName},` : 'Dag,';
}

/** The answer links under their question, as lines of the text part (a blank line first). */
export function answerLinksText(question: string, links: AnswerLinks): string[] {
  return ['', question, ...answerChoices.map(([key, label]) => `${label}: ${links[key]}`), answerNote];
}

/** The answer links under their question, as buttons in the HTML part. */
export function answerLinksHtml(question: string, links: AnswerLinks): string {
  const buttons = answerChoices
    .map(([key, label]) => `<a href="${safeHref(links[key])}" style="${emailStyles.button}">${escapeHtml(label)}</a>`)
    .join('');
  return `<p><strong>${escapeHtml(question)}</strong></p><p>${buttons}</p><p style="${emailStyles.note}">${escapeHtml(answerNote)}</p>`;
}

/** A table of label/value rows (what, when, where). */
export function detailsTable(details: [string, string][]): string {
  const rows = details
    .map(
      ([label, value]) =>
        `<tr><td style="${emailStyles.label}">${escapeHtml(label)}</td><td style="${emailStyles.value}">${escapeHtml(value)}</td></tr>`,
    )
    .join('');
  return `<table role="presentation" cellpadding="0" cellspacing="0">${rows}</table>`;
}

export function wrapEmailHtml(subject: string, blocks: string[]): string {
  return [
    '<!DOCTYPE html>',
    '<html lang="nl-BE">',
    `<head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>`,
    `<body style="${emailStyles.body}"><div style="${emailStyles.card}">`,
    blocks.join('\n'),
    '</div></body>',
    '</html>',
    '',
  ].join('\n');
}
