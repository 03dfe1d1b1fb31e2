import { formatDutchDateTimeRange } from '../../shared/dutch-dates';
import { escapeHtml } from '../../shared/html';
import type { RenderedEmail } from '../rendered-email';
import { answerLinksHtml, answerLinksText, detailsTable, greeting, signature, wrapEmailHtml, type AnswerLinks } from './email-layout';

/** The emails the inbound mailbox causes: a note on an outdated calendar reply, forwards to the coordinator. */

export interface StaleReplyNoteInput {
  recipientName?: string;
  title: string;
  startsAt: Date;
  endsAt: Date;
  location: string;
  answerLinks: AnswerLinks;
}

const question = 'Kom je op het nieuwe tijdstip?';

/** To someone who answered from their calendar to a version of the invitation whose time has changed since. */
export function renderStaleReplyNote(input: StaleReplyNoteInput): RenderedEmail {
  const subject = `Je antwoord gold een oud tijdstip: ${input.title}`;
  const intro =
    'Je antwoordde vanuit je agenda op een oudere versie van de uitnodiging. Het tijdstip is intussen gewijzigd, dus dat antwoord is niet genoteerd.';
  const details: [string, string][] = [
    ['Wat', input.title],
    ['Wanneer', formatDutchDateTimeRange(input.startsAt, input.endsAt)],
    ['Waar', input.location],
  ];
  const text = [
    greeting(input.recipientName),
    '',
    intro,
    '',
    ...details.map(([label, value]) => `${label}: ${value}`),
    ...answerLinksText(question, input.answerLinks),
    '',
    'Met vriendelijke groet,',
    signature,
  ].join('\n');
  const html = wrapEmailHtml(subject, [
    `<p>${escapeHtml(greeting(input.recipientName))}</p>`,
    `<p>${escapeHtml(intro)}</p>`,
    detailsTable(details),
    answerLinksHtml(question, input.answerLinks),
    `<p>Met vriendelijke groet,<br>${escapeHtml(signature)}</p>`,
  ]);
  return { subject, text: `${text}\n`, html };
}

export interface ForwardInput {
  originalSubject: string;
  /** Why the system did not handle it itself, one Dutch sentence. */
  why: string;
  /** Lines above the explanation (e.g. what a counter-proposal proposes). */
  facts?: [string, string][];
  /** Set when the original was too large to attach whole. */
  truncated?: boolean;
  subjectPrefix?: string;
}

/** The cover of a message forwarded to the coordinator; the original goes with it as an attachment. */
export function renderForward(input: ForwardInput): RenderedEmail {
  const subject = `${input.subjectPrefix ?? 'Doorgestuurd'}: ${input.originalSubject.trim() || '(geen onderwerp)'}`;
  const attached = input.truncated
    ? 'Het oorspronkelijke bericht was te groot om mee te sturen; de kopregels zitten als bijlage bij deze mail.'
    : 'Het oorspronkelijke bericht zit ongewijzigd als bijlage bij deze mail.';
  const lines = [
    'Dag,',
    '',
    'Dit bericht kwam binnen op het adres van de uitnodigingen van Locon De Stek.',
    input.why,
    ...(input.facts && input.facts.length > 0 ? ['', ...input.facts.map(([label, value]) => `${label}: ${value}`)] : []),
    '',
    attached,
    '',
    signature,
  ];
  const html = wrapEmailHtml(subject, [
    `<p>Dag,</p>`,
    `<p>Dit bericht kwam binnen op het adres van de uitnodigingen van Locon De Stek. ${escapeHtml(input.why)}</p>`,
    ...(input.facts && input.facts.length > 0 ? [detailsTable(input.facts)] : []),
    `<p>${escapeHtml(attached)}</p>`,
    `<p>${escapeHtml(signature)}</p>`,
  ]);
  return { subject, text: `${lines.join('\n')}\n`, html };
}
