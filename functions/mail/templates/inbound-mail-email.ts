import { formatDateTimeRange } from '../../shared/i18n/dates';
import type { Language } from '../../shared/i18n/language';
import { deStekNames, type NetworkNames } from '../../shared/i18n/network-names';
import { textsFor } from '../../shared/i18n/translate';
import { escapeHtml } from '../../shared/html';
import type { RenderedEmail } from '../rendered-email';
import { answerLinksHtml, answerLinksText, detailsTable, greeting, wrapEmailHtml, type AnswerLinks } from './email-layout';

/** The emails the inbound mailbox causes: a note on an outdated calendar reply, forwards to the coordinator. */

export interface StaleReplyNoteInput {
  /** The recipient's language; Dutch when left out. */
  language?: Language;
  /** The network's names (settings); today's when left out. */
  names?: NetworkNames;
  recipientName?: string;
  title: string;
  startsAt: Date;
  endsAt: Date;
  location: string;
  answerLinks: AnswerLinks;
}

/** To someone who answered from their calendar to a version of the invitation whose time has changed since. */
export function renderStaleReplyNote(input: StaleReplyNoteInput): RenderedEmail {
  const language = input.language ?? 'nl';
  const tr = textsFor(language, input.names ?? deStekNames);
  const subject = tr('inbound.stale.subject', { title: input.title });
  const intro = tr('inbound.stale.intro');
  const question = tr('inbound.stale.question');
  const signature = tr('mail.signature');
  const details: [string, string][] = [
    [tr('mail.what'), input.title],
    [tr('mail.when'), formatDateTimeRange(language, input.startsAt, input.endsAt)],
    [tr('mail.where'), input.location],
  ];
  const text = [
    greeting(input.recipientName, tr),
    '',
    intro,
    '',
    ...details.map(([label, value]) => `${label}: ${value}`),
    ...answerLinksText(question, input.answerLinks, tr),
    '',
    tr('mail.kindRegards'),
    signature,
  ].join('\n');
  const html = wrapEmailHtml(
    subject,
    [
      `<p>${escapeHtml(greeting(input.recipientName, tr))}</p>`,
      `<p>${escapeHtml(intro)}</p>`,
      detailsTable(details),
      answerLinksHtml(question, input.answerLinks, tr),
      `<p>${escapeHtml(tr('mail.kindRegards'))}<br>${escapeHtml(signature)}</p>`,
    ],
    language,
  );
  return { subject, text: `${text}\n`, html };
}

export interface ForwardInput {
  originalSubject: string;
  /** Why the system did not handle it itself, one sentence in the coordinator's (Dutch) language. */
  why: string;
  /** Lines above the explanation (e.g. what a counter-proposal proposes). */
  facts?: [string, string][];
  /** Set when the original was too large to attach whole. */
  truncated?: boolean;
  subjectPrefix?: string;
  /** The network's names (settings); today's when left out. */
  names?: NetworkNames;
}

/** The cover of a message forwarded to the coordinator (the network's own mailbox: Dutch); the original goes with it as an attachment. */
export function renderForward(input: ForwardInput): RenderedEmail {
  const tr = textsFor('nl', input.names ?? deStekNames);
  const subject = tr('inbound.forward.subject', {
    prefix: input.subjectPrefix ?? tr('inbound.forward.prefix'),
    subject: input.originalSubject.trim() || tr('inbound.forward.noSubject'),
  });
  const attached = input.truncated ? tr('inbound.forward.truncated') : tr('inbound.forward.attached');
  const arrived = tr('inbound.forward.arrived');
  const hello = tr('mail.greetingNoName');
  const signature = tr('mail.signature');
  const lines = [
    hello,
    '',
    arrived,
    input.why,
    ...(input.facts && input.facts.length > 0 ? ['', ...input.facts.map(([label, value]) => `${label}: ${value}`)] : []),
    '',
    attached,
    '',
    signature,
  ];
  const html = wrapEmailHtml(subject, [
    `<p>${escapeHtml(hello)}</p>`,
    `<p>${escapeHtml(arrived)} ${escapeHtml(input.why)}</p>`,
    ...(input.facts && input.facts.length > 0 ? [detailsTable(input.facts)] : []),
    `<p>${escapeHtml(attached)}</p>`,
    `<p>${escapeHtml(signature)}</p>`,
  ]);
  return { subject, text: `${lines.join('\n')}\n`, html };
}
