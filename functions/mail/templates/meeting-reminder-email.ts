import { formatDate, formatDateTime, formatDateTimeRange, formatTime } from '../../shared/i18n/dates';
import type { Language } from '../../shared/i18n/language';
import { deStekNames, type NetworkNames } from '../../shared/i18n/network-names';
import { textsFor, type Translate } from '../../shared/i18n/translate';
import { escapeHtml } from '../../shared/html';
import type { RenderedEmail } from '../rendered-email';
import { answerLinksHtml, answerLinksText, detailsTable, emailStyles, greeting, wrapEmailHtml, type AnswerLinks } from './email-layout';

/** The reminders a partner gets before a meeting, in their language (pure). */
export type MeetingReminderEmailKind = 'agenda' | 'day';

export interface MeetingReminderAgendaItem {
  title: string;
  kind: 'THEME' | 'TOPIC' | 'PROJECT';
  description?: string;
  durationMinutes?: number;
  proposedBy?: string;
}

export interface MeetingReminderEmailInput {
  kind: MeetingReminderEmailKind;
  language?: Language;
  names?: NetworkNames;
  recipientName?: string;
  partnerName: string;
  title: string;
  startsAt: Date;
  endsAt: Date;
  location: string;
  agenda: MeetingReminderAgendaItem[];
  /** How many days before the start the agenda goes out. */
  daysBefore: number;
  /** Whether the recipient's partner has answered the invitation (the day's reminder asks those who did not). */
  answered: boolean;
  answerLinks?: AnswerLinks;
}

/** One agenda line: "Open ruimte: Samen inkopen (30 min., voorgesteld door Bakkerij Peeters)". */
function agendaLine(item: MeetingReminderAgendaItem, tr: Translate): string {
  const extras = [
    item.durationMinutes ? tr('meetingReminder.agenda.minutes', { minutes: item.durationMinutes }) : undefined,
    item.proposedBy ? tr('meetingReminder.agenda.proposedBy', { partner: item.proposedBy }) : undefined,
  ].filter((extra): extra is string => extra !== undefined);
  const label = tr('meetingReminder.agenda.kind', { kind: item.kind });
  return `${label}: ${item.title}${extras.length > 0 ? ` (${extras.join(', ')})` : ''}`;
}

export function renderMeetingReminderEmail(input: MeetingReminderEmailInput): RenderedEmail {
  const language = input.language ?? 'nl';
  const names = input.names ?? deStekNames;
  const tr = textsFor(language, names);
  const subject = tr('meetingReminder.subject', {
    kind: input.kind,
    title: input.title,
    when: formatDate(language, input.startsAt),
    time: formatTime(language, input.startsAt),
  });
  const hello = greeting(input.recipientName, tr);
  const intro =
    input.kind === 'agenda'
      ? tr('meetingReminder.intro.agenda', { days: input.daysBefore })
      : input.answered
        ? tr('meetingReminder.intro.day')
        : tr('meetingReminder.intro.dayNoAnswer');
  const details: [string, string][] = [
    [tr('mail.what'), input.title],
    [tr('mail.when'), formatDateTimeRange(language, input.startsAt, input.endsAt)],
    [tr('mail.where'), input.location],
  ];
  const agenda = input.kind === 'agenda' ? input.agenda.map((item) => agendaLine(item, tr)) : [];
  const emptyAgenda = input.kind === 'agenda' && agenda.length === 0 ? tr('meetingReminder.agenda.empty') : undefined;
  const question = input.answered ? tr('mail.answer.change') : tr('mail.answer.question');
  const signature = tr('mail.signature');
  const footer = tr('meetingReminder.forPartner', { partner: input.partnerName });

  const lines = [hello, '', intro, ''];
  for (const [label, value] of details) lines.push(`${label}: ${value}`);
  if (input.kind === 'agenda') {
    lines.push('', `${tr('meetingReminder.agenda')}:`);
    if (emptyAgenda) lines.push(emptyAgenda);
    input.agenda.forEach((item, index) => {
      lines.push(`${index + 1}. ${agenda[index]}`);
      if (item.description) lines.push(`   ${item.description}`);
    });
  }
  if (input.answerLinks) lines.push(...answerLinksText(question, input.answerLinks, tr));
  lines.push('', tr('mail.seeYou'), signature, '', '--', footer);
  const text = lines.join('\n') + '\n';

  const blocks = [`<p>${escapeHtml(hello)}</p>`, `<p>${escapeHtml(intro)}</p>`, detailsTable(details)];
  if (input.kind === 'agenda') {
    blocks.push(`<h2 style="font-size:18px;margin:24px 0 8px;">${escapeHtml(tr('meetingReminder.agenda'))}</h2>`);
    if (emptyAgenda) blocks.push(`<p>${escapeHtml(emptyAgenda)}</p>`);
    else {
      const items = input.agenda
        .map(
          (item, index) =>
            `<li dir="auto">${escapeHtml(agenda[index])}${item.description ? `<br><span style="${emailStyles.note}">${escapeHtml(item.description)}</span>` : ''}</li>`,
        )
        .join('');
      blocks.push(`<ol>${items}</ol>`);
    }
  }
  if (input.answerLinks) blocks.push(answerLinksHtml(question, input.answerLinks, tr));
  blocks.push(`<p>${escapeHtml(tr('mail.seeYou'))}<br>${escapeHtml(signature)}</p>`);
  blocks.push(`<p style="${emailStyles.note}">${escapeHtml(footer)}</p>`);
  return { subject, text, html: wrapEmailHtml(subject, blocks, language) };
}

/** The coordinator's reminders after a meeting: the outcome still missing, or no next date agreed (pure). */
export type CoordinatorReminderEmailKind = 'minutes' | 'nextDate';

export interface CoordinatorReminderEmailInput {
  kind: CoordinatorReminderEmailKind;
  /** Days since the meeting (the minutes reminders: 3, then 7). */
  daysSince: number;
  language?: Language;
  names?: NetworkNames;
  recipientName?: string;
  title: string;
  startsAt: Date;
}

export function renderCoordinatorReminderEmail(input: CoordinatorReminderEmailInput): RenderedEmail {
  const language = input.language ?? 'nl';
  const names = input.names ?? deStekNames;
  const tr = textsFor(language, names);
  const date = formatDate(language, input.startsAt);
  const subject = tr('coordinatorReminder.subject', { kind: input.kind, title: input.title, date });
  const hello = greeting(input.recipientName, tr);
  const intro =
    input.kind === 'minutes'
      ? tr('coordinatorReminder.intro.minutes', { title: input.title, date, days: input.daysSince })
      : tr('coordinatorReminder.intro.nextDate', { title: input.title, date });
  const details: [string, string][] = [
    [tr('mail.what'), input.title],
    [tr('mail.when'), formatDateTime(language, input.startsAt)],
  ];
  const footer = tr('coordinatorReminder.footer');
  const closing = [tr('mail.kindRegards'), tr('mail.signature')];
  const text =
    [hello, '', intro, '', ...details.map(([label, value]) => `${label}: ${value}`), '', ...closing, '', '--', footer].join('\n') + '\n';
  const blocks = [
    `<p>${escapeHtml(hello)}</p>`,
    `<p>${escapeHtml(intro)}</p>`,
    detailsTable(details),
    `<p>${closing.map(escapeHtml).join('<br>')}</p>`,
    `<p style="${emailStyles.note}">${escapeHtml(footer)}</p>`,
  ];
  return { subject, text, html: wrapEmailHtml(subject, blocks, language) };
}
