import { formatDate, formatDateTime } from '../../shared/i18n/dates';
import type { Language } from '../../shared/i18n/language';
import { deStekNames, type NetworkNames } from '../../shared/i18n/network-names';
import { textsFor, type Translate } from '../../shared/i18n/translate';
import { escapeHtml, safeHref } from '../../shared/html';
import type { RenderedEmail } from '../rendered-email';
import { emailStyles, wrapEmailHtml } from './email-layout';

export type ReviewEmailStep = 'request' | 'reminder1' | 'reminder2' | 'coordinator';

export interface ReviewEmailInput {
  step: ReviewEmailStep;
  /** promoter: asked to answer (with the link); copy: an engaged partner, informed; coordinator: told of no answer. */
  role: 'promoter' | 'copy' | 'coordinator';
  /** The recipient's language; Dutch when left out. */
  language?: Language;
  /** The network's names (settings); today's when left out. */
  names?: NetworkNames;
  recipientName?: string;
  /** The partner the recipient takes part for (copy). */
  partnerName?: string;
  projectName: string;
  promoterName: string;
  /** The other engaged partners, in copy of the request. */
  copyPartnerNames: string[];
  requestedAt: Date;
  /** The promoter's link to the answer page. */
  answerLink?: string;
  /** Coordinator: the meeting whose agenda now holds the review; absent when none is planned. */
  agendaMeeting?: { title: string; startsAt: Date };
  /** None of the promoter's addresses takes mail. With a promoter's step, the coordinator hears it then. */
  promoterUnreachable?: boolean;
}

/** A paragraph, or a list of options; the link is rendered as a button in HTML. */
type Block = { text: string } | { list: string[] } | { link: string; label: string };

/** The emails of a consolidation review: the request, two reminders, and the note to the coordinator. */
export function renderReviewEmail(input: ReviewEmailInput): RenderedEmail {
  const language = input.language ?? 'nl';
  const tr = textsFor(language, input.names ?? deStekNames);
  const subject = subjectOf(input, tr);
  // The coordinator's address is the network's own mailbox (named after the network): no name in the greeting.
  const name = input.role === 'coordinator' ? undefined : input.recipientName;
  const greeting = name ? tr('mail.greeting', { name }) : tr('mail.greetingNoName');
  const blocks: Block[] = [{ text: greeting }, ...bodyOf(input, tr, language), { text: tr('mail.kindRegards') }];
  const signature = tr('mail.signature');
  return { subject, text: renderText(blocks, signature), html: renderHtml(subject, blocks, signature, language) };
}

function subjectOf(input: ReviewEmailInput, tr: Translate): string {
  const step =
    input.role === 'coordinator'
      ? input.step === 'coordinator'
        ? 'noAnswer'
        : 'unreachable'
      : input.role === 'copy'
        ? 'copy'
        : input.step;
  return tr('review.subject', { step, project: input.projectName });
}

function options(tr: Translate): string[] {
  return [tr('review.option.continue'), tr('review.option.transfer'), tr('review.option.spinOff'), tr('review.option.stop')];
}

function bodyOf(input: ReviewEmailInput, tr: Translate, language: Language): Block[] {
  const asked = formatDate(language, input.requestedAt);
  const about = { project: input.projectName, promoter: input.promoterName, asked };
  if (input.role === 'coordinator' && input.step !== 'coordinator') {
    const later =
      input.step === 'request'
        ? ` ${tr('review.unreachable.reminders')}`
        : input.step === 'reminder1'
          ? ` ${tr('review.unreachable.lastReminder')}`
          : '';
    return [
      { text: tr('review.unreachable.notArriving', about) },
      { text: `${tr('review.unreachable.whatToDo')}${later}` },
      { text: tr('review.unreachable.agenda') },
    ];
  }
  if (input.role === 'coordinator') {
    const agenda = input.agendaMeeting
      ? tr('review.agenda.planned', {
          meeting: input.agendaMeeting.title,
          when: formatDateTime(language, input.agendaMeeting.startsAt),
        })
      : tr('review.agenda.none');
    return [{ text: tr('review.noAnswer', { ...about, unreachable: input.promoterUnreachable ? 'yes' : 'no' }) }, { text: agenda }];
  }
  if (input.role === 'copy') {
    return [
      { text: tr('review.copy.intro', { ...about, partner: input.partnerName ?? tr('review.copy.yourOrganisation') }) },
      { list: options(tr) },
      { text: tr('review.copy.outro') },
    ];
  }
  const intro = input.step === 'request' ? tr('review.request.intro', about) : tr('review.reminder.intro', about);
  const blocks: Block[] = [{ text: intro }];
  if (input.step === 'request') blocks.push({ text: tr('review.whatItIs') });
  blocks.push({ list: options(tr) });
  if (input.answerLink) blocks.push({ link: input.answerLink, label: tr('review.answerButton') }, { text: tr('review.linkNote') });
  blocks.push({ text: tr('review.nextMeeting') });
  if (input.step === 'reminder2') blocks.push({ text: tr('review.reminder2.warning') });
  if (input.step === 'request' && input.copyPartnerNames.length > 0)
    blocks.push({ text: tr('review.inCopy', { partners: input.copyPartnerNames.join(', ') }) });
  return blocks;
}

function renderText(blocks: Block[], signature: string): string {
  const parts = blocks.map((block) => {
    if ('list' in block) return block.list.map((item) => `- ${item}`).join('\n');
    if ('link' in block) return `${block.label}: ${block.link}`;
    return block.text;
  });
  return `${parts.join('\n\n')}\n${signature}\n`;
}

function renderHtml(subject: string, blocks: Block[], signature: string, language: Language): string {
  const body = blocks.map((block) => {
    if ('list' in block) return `<ul>${block.list.map((item) => `<li>${escapeHtml(item)}</li>`).join('')}</ul>`;
    if ('link' in block) return `<p><a href="${safeHref(block.link)}" style="${emailStyles.button}">${escapeHtml(block.label)}</a></p>`;
    return `<p>${escapeHtml(block.text)}</p>`;
  });
  body[body.length - 1] = body[body.length - 1].replace('</p>', `<br>${escapeHtml(signature)}</p>`);
  return wrapEmailHtml(subject, body, language);
}
