import { escapeHtml } from '../../shared/html';
import { formatDate, formatDateTimeRange } from '../../shared/i18n/dates';
import type { Language } from '../../shared/i18n/language';
import { deStekNames, type NetworkNames } from '../../shared/i18n/network-names';
import { textsFor } from '../../shared/i18n/translate';
import type { RenderedEmail } from '../rendered-email';
import { detailsTable, emailStyles, greeting as greetingFor, withMailtoLink, wrapEmailHtml } from './email-layout';

/** The minutes of a held meeting, to an invited partner's people, in their language (pure). */
export interface MinutesEmailInput {
  /** The recipient's language; Dutch when left out. */
  language?: Language;
  /** The network's names (settings); today's when left out. */
  names?: NetworkNames;
  recipientName?: string;
  title: string;
  startsAt: Date;
  endsAt: Date;
  location: string;
  minutes?: string;
  attended: string[];
  absent: string[];
  guests: string[];
  agenda: { title: string; kind: 'THEME' | 'TOPIC' | 'PROJECT'; decision?: string }[];
  projectDecisions: { projectName: string; text: string }[];
  nextMeeting?: { startsAt: Date; endsAt: Date; location: string };
}

export function renderMinutesEmail(input: MinutesEmailInput): RenderedEmail {
  const language = input.language ?? 'nl';
  const names = input.names ?? deStekNames;
  const tr = textsFor(language, names);
  const subject = tr('minutes.subject', { title: input.title, when: formatDate(language, input.startsAt) });
  const list = (values: string[]) => (values.length > 0 ? values.join(', ') : tr('minutes.nobody'));
  const details: [string, string][] = [
    [tr('mail.when'), formatDateTimeRange(language, input.startsAt, input.endsAt)],
    [tr('mail.where'), input.location],
    [tr('minutes.present'), list(input.attended)],
    ...(input.absent.length > 0 ? [[tr('minutes.absent'), list(input.absent)] as [string, string]] : []),
    ...(input.guests.length > 0 ? [[tr('minutes.guests'), list(input.guests)] as [string, string]] : []),
  ];
  const itemLine = (item: MinutesEmailInput['agenda'][number]) => `${item.title} (${tr('minutes.kind', { kind: item.kind })})`;
  const next = input.nextMeeting
    ? `${tr('minutes.next')}: ${formatDateTimeRange(language, input.nextMeeting.startsAt, input.nextMeeting.endsAt)}, ${input.nextMeeting.location}`
    : tr('minutes.noNext');
  const greeting = greetingFor(input.recipientName, tr);
  const questions = tr('minutes.questions');
  const signature = tr('mail.signature');

  const lines = [greeting, '', tr('minutes.intro'), ''];
  for (const [label, value] of details) lines.push(`${label}: ${value}`);
  if (input.agenda.length > 0) {
    lines.push('', `${tr('minutes.agenda')}:`);
    input.agenda.forEach((item, index) => {
      lines.push(`${index + 1}. ${itemLine(item)}`);
      if (item.decision) lines.push(`   ${tr('minutes.decided')}: ${item.decision}`);
    });
  }
  if (input.projectDecisions.length > 0) {
    lines.push('', `${tr('minutes.projects')}:`);
    for (const decision of input.projectDecisions) lines.push(`- ${decision.projectName}: ${decision.text}`);
  }
  if (input.minutes) lines.push('', `${tr('minutes.notes')}:`, input.minutes);
  lines.push('', next, '', questions, '', tr('mail.kindRegards'), signature);
  const text = lines.join('\n') + '\n';

  const blocks = [`<p>${escapeHtml(greeting)}</p>`, `<p>${escapeHtml(tr('minutes.intro'))}</p>`, detailsTable(details)];
  if (input.agenda.length > 0) {
    const items = input.agenda
      .map(
        (item) =>
          `<li>${escapeHtml(itemLine(item))}${item.decision ? `<br><strong>${escapeHtml(tr('minutes.decided'))}:</strong> ${escapeHtml(item.decision)}` : ''}</li>`,
      )
      .join('');
    blocks.push(`<h3>${escapeHtml(tr('minutes.agenda'))}</h3><ol>${items}</ol>`);
  }
  if (input.projectDecisions.length > 0) {
    const items = input.projectDecisions
      .map((decision) => `<li><strong>${escapeHtml(decision.projectName)}:</strong> ${escapeHtml(decision.text)}</li>`)
      .join('');
    blocks.push(`<h3>${escapeHtml(tr('minutes.projects'))}</h3><ul>${items}</ul>`);
  }
  if (input.minutes) {
    blocks.push(`<h3>${escapeHtml(tr('minutes.notes'))}</h3><p style="white-space:pre-wrap" dir="auto">${escapeHtml(input.minutes)}</p>`);
  }
  blocks.push(`<p>${escapeHtml(next)}</p>`);
  blocks.push(`<p style="${emailStyles.note}">${withMailtoLink(questions, names.contactEmail)}</p>`);
  blocks.push(`<p>${escapeHtml(tr('mail.kindRegards'))}<br>${escapeHtml(signature)}</p>`);
  return { subject, text, html: wrapEmailHtml(subject, blocks, language) };
}
