import { formatDateTime, formatDateTimeRange } from '../../shared/i18n/dates';
import type { Language } from '../../shared/i18n/language';
import type { MessageKey } from '../../shared/i18n/catalogues';
import { deStekNames, type NetworkNames } from '../../shared/i18n/network-names';
import { textsFor, type Translate } from '../../shared/i18n/translate';
import { escapeHtml, safeHref } from '../../shared/html';
import type { RenderedEmail } from '../rendered-email';
import {
  answerLinksHtml,
  answerLinksText,
  detailsTable,
  emailStyles,
  greeting as greetingFor,
  wrapEmailHtml,
  withMailtoLink,
  type AnswerLinks,
} from './email-layout';

/** The emails a neighbourhood entrepreneur gets about a buurtbabbel, in their language (pure). */
export type BuurtbabbelEmailKind = 'invitation' | 'reminder' | 'accepted' | 'waiting' | 'promoted' | 'cancellation';

export interface BuurtbabbelEmailInput {
  kind: BuurtbabbelEmailKind;
  /** The recipient's language; Dutch when left out. */
  language?: Language;
  /** The network's names (settings); today's when left out. */
  names?: NetworkNames;
  recipientName?: string;
  /** The recipient's business: why they get this mail. */
  businessName: string;
  /** How De Stek knows them (the neighbour's source): said in the first invitation. */
  source?: string;
  startsAt: Date;
  endsAt: Date;
  location: string;
  hostName?: string;
  cancelReason?: string;
  answerLinks?: AnswerLinks;
  /** The page where they stop receiving invitations; in every buurtbabbel mail. */
  unsubscribeLink: string;
}

const introKey: Record<BuurtbabbelEmailKind, MessageKey> = {
  invitation: 'buurtbabbel.intro.invitation',
  reminder: 'buurtbabbel.intro.reminder',
  accepted: 'buurtbabbel.intro.accepted',
  waiting: 'buurtbabbel.intro.waiting',
  promoted: 'buurtbabbel.intro.promoted',
  cancellation: 'buurtbabbel.intro.cancellation',
};

/** The opening paragraphs: what happens, and in an invitation who we are and how we know their address. */
function introFor(input: BuurtbabbelEmailInput, tr: Translate): string[] {
  const host =
    input.hostName && (input.kind === 'invitation' || input.kind === 'reminder')
      ? ` ${tr('buurtbabbel.host', { host: input.hostName })}`
      : '';
  const paragraphs = [`${tr(introKey[input.kind])}${host}`];
  if (input.kind === 'invitation') {
    paragraphs.push(tr('buurtbabbel.whoWeAre'));
    paragraphs.push(
      input.source
        ? tr('buurtbabbel.addressOriginKnown', { business: input.businessName, source: input.source })
        : tr('buurtbabbel.addressOrigin', { business: input.businessName }),
    );
  }
  return paragraphs;
}

/** An invitation asks; the others offer to change the answer given (the same three buttons). */
function answerQuestion(kind: BuurtbabbelEmailKind, tr: Translate): string {
  return kind === 'invitation' ? tr('mail.answer.question') : tr('mail.answer.change');
}

export function renderBuurtbabbelEmail(input: BuurtbabbelEmailInput): RenderedEmail {
  const language = input.language ?? 'nl';
  const names = input.names ?? deStekNames;
  const tr = textsFor(language, names);
  const subject = tr('buurtbabbel.subject', { kind: input.kind, when: formatDateTime(language, input.startsAt) });
  const greeting = greetingFor(input.recipientName, tr);
  const details: [string, string][] = [
    [tr('mail.when'), formatDateTimeRange(language, input.startsAt, input.endsAt)],
    [tr('mail.where'), input.location],
  ];
  const answerLinks = input.kind === 'cancellation' || input.kind === 'waiting' ? undefined : input.answerLinks;
  const closing = input.kind === 'cancellation' ? tr('mail.kindRegards') : tr('mail.seeYou');
  const reason = input.kind === 'cancellation' && input.cancelReason ? input.cancelReason : undefined;
  const intro = introFor(input, tr);
  const signature = tr('mail.signature');
  const questions = tr('buurtbabbel.questions');
  const footer = tr('buurtbabbel.footer', { business: input.businessName });

  const lines = [greeting, '', ...intro.flatMap((paragraph) => [paragraph, ''])];
  if (reason) lines.push(`${tr('mail.reason')}: ${reason}`, '');
  for (const [label, value] of details) lines.push(`${label}: ${value}`);
  if (answerLinks) lines.push(...answerLinksText(answerQuestion(input.kind, tr), answerLinks, tr));
  lines.push('', questions, '', closing, signature, '', '--', footer, input.unsubscribeLink);
  const text = lines.join('\n') + '\n';

  const blocks = [`<p>${escapeHtml(greeting)}</p>`, ...intro.map((paragraph) => `<p>${escapeHtml(paragraph)}</p>`)];
  if (reason) blocks.push(`<p><strong>${escapeHtml(tr('mail.reason'))}:</strong> ${escapeHtml(reason)}</p>`);
  blocks.push(detailsTable(details));
  if (answerLinks) blocks.push(answerLinksHtml(answerQuestion(input.kind, tr), answerLinks, tr));
  blocks.push(`<p>${withMailtoLink(questions, names.contactEmail)}</p>`);
  blocks.push(`<p>${escapeHtml(closing)}<br>${escapeHtml(signature)}</p>`);
  blocks.push(
    `<p style="${emailStyles.note}">${escapeHtml(footer)} <a href="${safeHref(input.unsubscribeLink)}">${escapeHtml(tr('buurtbabbel.unsubscribe'))}</a></p>`,
  );
  return { subject, text, html: wrapEmailHtml(subject, blocks, language) };
}
