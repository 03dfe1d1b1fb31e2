import { escapeHtml, safeHref } from '../../shared/html';
import { localeOf, type Language } from '../../shared/i18n/language';
import { textsFor, type Translate } from '../../shared/i18n/translate';

/** What every HTML email of De Stek shares: inline styles (mail clients drop style sheets) and the page around the blocks. */
export const emailStyles = {
  body: 'margin:0;padding:24px;background:#f6f6f4;font-family:Arial,Helvetica,sans-serif;color:#222;line-height:1.5;',
  card: 'max-width:560px;margin:0 auto;padding:24px;background:#ffffff;border-radius:6px;',
  label: 'padding:4px 16px 4px 0;vertical-align:top;color:#666;white-space:nowrap;',
  value: 'padding:4px 0;vertical-align:top;overflow-wrap:anywhere;',
  button:
    'display:inline-block;margin:0 8px 8px 0;padding:10px 16px;border-radius:4px;background:#2e6b3f;color:#ffffff;text-decoration:none;font-weight:bold;',
  note: 'color:#666;font-size:13px;',
};

/** Dutch texts with today's names: for the templates not yet given a language and names by their caller. */
export const dutchTexts: Translate = textsFor('nl');

/** The three answer links of an invitation (meeting or buurtbabbel), each to the page that confirms it. */
export interface AnswerLinks {
  yes: string;
  maybe: string;
  no: string;
}

const answerChoices = [
  ['yes', 'mail.answer.yes'],
  ['maybe', 'mail.answer.maybe'],
  ['no', 'mail.answer.no'],
] as const;

export function greeting(recipientName: string | undefined, tr: Translate = dutchTexts): string {
  return recipientName ? tr('mail.greeting', { name: recipientName }) : tr('mail.greetingNoName');
}

/** The answer links under their question, as lines of the text part (a blank line first). */
export function answerLinksText(question: string, links: AnswerLinks, tr: Translate = dutchTexts): string[] {
  // Under answer links: mail scanners open links, so a link only opens a page; the answer is a button there.
  return ['', question, ...answerChoices.map(([key, label]) => `${tr(label)}: ${links[key]}`), tr('mail.answer.note')];
}

/** The answer links under their question, as buttons in the HTML part. */
export function answerLinksHtml(question: string, links: AnswerLinks, tr: Translate = dutchTexts): string {
  const buttons = answerChoices
    .map(([key, label]) => `<a href="${safeHref(links[key])}" style="${emailStyles.button}">${escapeHtml(tr(label))}</a>`)
    .join('');
  return `<p><strong>${escapeHtml(question)}</strong></p><p>${buttons}</p><p style="${emailStyles.note}">${escapeHtml(tr('mail.answer.note'))}</p>`;
}

/** A table of label/value rows (what, when, where). */
export function detailsTable(details: [string, string][]): string {
  const rows = details
    .map(
      ([label, value]) =>
        `<tr><td style="${emailStyles.label}">${escapeHtml(label)}</td><td style="${emailStyles.value}" dir="auto">${escapeHtml(value)}</td></tr>`,
    )
    .join('');
  return `<table role="presentation" cellpadding="0" cellspacing="0">${rows}</table>`;
}

export function wrapEmailHtml(subject: string, blocks: string[], language: Language = 'nl'): string {
  return [
    '<!DOCTYPE html>',
    `<html lang="${localeOf[language]}">`,
    `<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(subject)}</title></head>`,
    `<body style="${emailStyles.body}"><div style="${emailStyles.card}">`,
    blocks.join('\n'),
    '</div></body>',
    '</html>',
    '',
  ].join('\n');
}

/** A sentence with the contact address in it, the address a mailto link. */
export function withMailtoLink(sentence: string, address: string): string {
  const link = `<a href="${safeHref(`mailto:${address}`)}">${escapeHtml(address)}</a>`;
  return escapeHtml(sentence).replace(escapeHtml(address), () => link);
}
