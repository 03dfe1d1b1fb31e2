import { formatDateTime, formatDateTimeRange } from '../../shared/i18n/dates';
import type { Language } from '../../shared/i18n/language';
import { deStekNames, type NetworkNames } from '../../shared/i18n/network-names';
import { textsFor, type Translate } from '../../shared/i18n/translate';
import { escapeHtml, linkifyText } from '../../shared/html';
import type { RenderedEmail } from '../rendered-email';
import {
  answerLinksHtml,
  answerLinksText,
  detailsTable,
  emailStyles as styles,
  greeting as greetingFor,
  wrapEmailHtml,
  type AnswerLinks,
} from './email-layout';

export interface MeetingEmailInput {
  /** `removal`: the recipient's partner was taken off a meeting that itself goes on. */
  kind: 'invitation' | 'update' | 'cancellation' | 'removal';
  /** The recipient's language; Dutch when left out. */
  language?: Language;
  /** The network's names (settings); today's when left out. */
  names?: NetworkNames;
  recipientName?: string;
  /** The partner organisation the recipient takes part for. */
  partnerName: string;
  title: string;
  startsAt: Date;
  endsAt: Date;
  location: string;
  themes: string[];
  cancelReason?: string;
  answerLinks?: { accept: string; tentative: string; decline: string };
  /** One line about the personal calendar feed; addresses in it become links in the HTML part. */
  feedHint?: string;
}

/** Mails that end the recipient's part in the meeting: nothing to answer, a sober goodbye. */
const ending = (kind: MeetingEmailInput['kind']) => kind === 'cancellation' || kind === 'removal';

/** The mail that travels with a meeting's calendar invitation, update or cancellation, in the recipient's language. */
export function renderMeetingEmail(input: MeetingEmailInput): RenderedEmail {
  const language = input.language ?? 'nl';
  const tr = textsFor(language, input.names ?? deStekNames);
  const subject = tr('meeting.subject', { kind: input.kind, title: input.title, when: formatDateTime(language, input.startsAt) });
  const when = formatDateTimeRange(language, input.startsAt, input.endsAt);
  // A cancelled meeting has nothing left to answer.
  const links = ending(input.kind) ? undefined : input.answerLinks;
  const answerLinks = links && { yes: links.accept, maybe: links.tentative, no: links.decline };
  const details: [string, string][] = [
    [tr('mail.what'), input.title],
    [tr('mail.when'), when],
    [tr('mail.where'), input.location],
  ];
  const parts: Parts = {
    tr,
    language,
    subject,
    answerLinks,
    greeting: greetingFor(input.recipientName, tr),
    details,
    intro: tr(`meeting.intro.${input.kind}`, { title: input.title, partner: input.partnerName }),
    closing: ending(input.kind) ? tr('mail.kindRegards') : tr('mail.seeYou'),
  };
  return { subject, text: renderText(input, parts), html: renderHtml(input, parts) };
}

interface Parts {
  tr: Translate;
  language: Language;
  subject: string;
  greeting: string;
  intro: string;
  details: [string, string][];
  answerLinks?: AnswerLinks;
  closing: string;
}

function renderText(input: MeetingEmailInput, parts: Parts): string {
  const { tr } = parts;
  const lines = [parts.greeting, '', parts.intro, ''];
  if (input.kind === 'cancellation' && input.cancelReason) lines.push(`${tr('mail.reason')}: ${input.cancelReason}`, '');
  for (const [label, value] of parts.details) lines.push(`${label}: ${value}`);
  if (input.themes.length > 0) {
    lines.push('', `${tr('meeting.themes')}:`, ...input.themes.map((theme) => `- ${theme}`));
  }
  if (parts.answerLinks) lines.push(...answerLinksText(tr('mail.answer.question'), parts.answerLinks, tr));
  if (input.feedHint) lines.push('', input.feedHint);
  lines.push('', parts.closing, tr('mail.signature'));
  return lines.join('\n') + '\n';
}

function renderHtml(input: MeetingEmailInput, parts: Parts): string {
  const { tr } = parts;
  const blocks = [`<p>${escapeHtml(parts.greeting)}</p>`, `<p>${escapeHtml(parts.intro)}</p>`];
  if (input.kind === 'cancellation' && input.cancelReason) {
    blocks.push(`<p><strong>${escapeHtml(tr('mail.reason'))}:</strong> ${escapeHtml(input.cancelReason)}</p>`);
  }
  blocks.push(detailsTable(parts.details));
  if (input.themes.length > 0) {
    blocks.push(
      `<p><strong>${escapeHtml(tr('meeting.themes'))}</strong></p><ul>${input.themes.map((theme) => `<li>${escapeHtml(theme)}</li>`).join('')}</ul>`,
    );
  }
  if (parts.answerLinks) blocks.push(answerLinksHtml(tr('mail.answer.question'), parts.answerLinks, tr));
  if (input.feedHint) blocks.push(`<p style="${styles.note}">${linkifyText(input.feedHint)}</p>`);
  blocks.push(`<p>${escapeHtml(parts.closing)}<br>${escapeHtml(tr('mail.signature'))}</p>`);
  return wrapEmailHtml(parts.subject, blocks, parts.language);
}

/** The calendar entry's DESCRIPTION in the recipient's language: the meeting's themes. */
export function meetingCalendarDescription(themes: string[], language: Language = 'nl'): string | undefined {
  return themes.length > 0 ? textsFor(language)('meeting.calendar.themes', { themes: themes.join(', ') }) : undefined;
}
