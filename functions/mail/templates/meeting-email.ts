import { formatDutchDateTime, formatDutchDateTimeRange } from '../../shared/dutch-dates';
import { escapeHtml, linkifyText } from '../../shared/html';
import type { RenderedEmail } from '../rendered-email';
import {
  answerLinksHtml,
  answerLinksText,
  detailsTable,
  emailStyles as styles,
  greeting as greetingFor,
  signature as SIGNATURE,
  wrapEmailHtml,
  type AnswerLinks,
} from './email-layout';

export interface MeetingEmailInput {
  /** `removal`: the recipient's partner was taken off a meeting that itself goes on. */
  kind: 'invitation' | 'update' | 'cancellation' | 'removal';
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

const subjectPrefix: Record<MeetingEmailInput['kind'], string> = {
  invitation: 'Uitnodiging',
  update: 'Gewijzigd',
  cancellation: 'Geannuleerd',
  removal: 'Niet langer uitgenodigd',
};

/** Mails that end the recipient's part in the meeting: nothing to answer, a sober goodbye. */
const ending = (kind: MeetingEmailInput['kind']) => kind === 'cancellation' || kind === 'removal';

const answerQuestion = 'Laat je weten of je komt?';

/** The mail that travels with a meeting's calendar invitation, update or cancellation. */
export function renderMeetingEmail(input: MeetingEmailInput): RenderedEmail {
  const subject = `${subjectPrefix[input.kind]}: ${input.title} op ${formatDutchDateTime(input.startsAt)}`;
  const when = formatDutchDateTimeRange(input.startsAt, input.endsAt);
  // A cancelled meeting has nothing left to answer.
  const links = ending(input.kind) ? undefined : input.answerLinks;
  const answerLinks = links && { yes: links.accept, maybe: links.tentative, no: links.decline };
  const greeting = greetingFor(input.recipientName);
  const details: [string, string][] = [
    ['Wat', input.title],
    ['Wanneer', when],
    ['Waar', input.location],
  ];
  const parts: Parts = { subject, answerLinks, greeting, details, intro: introFor(input) };
  return { subject, text: renderText(input, parts), html: renderHtml(input, parts) };
}

interface Parts {
  subject: string;
  greeting: string;
  intro: string;
  details: [string, string][];
  answerLinks?: AnswerLinks;
}

function introFor(input: MeetingEmailInput): string {
  switch (input.kind) {
    case 'invitation':
      return `Je bent uitgenodigd voor ${input.title}. Je krijgt deze mail omdat ${input.partnerName} partner is van Locon De Stek.`;
    case 'update':
      return `${input.title} is gewijzigd. Hieronder staan de nieuwe gegevens; de afspraak in je agenda wordt mee aangepast.`;
    case 'cancellation':
      return `${input.title} gaat niet door. Je kunt de afspraak uit je agenda halen.`;
    case 'removal':
      return `${input.partnerName} staat niet langer op de lijst van genodigden voor ${input.title}. De vergadering zelf gaat wel door; de afspraak verdwijnt uit je eigen agenda.`;
  }
}

function renderText(input: MeetingEmailInput, parts: Parts): string {
  const lines = [parts.greeting, '', parts.intro, ''];
  if (input.kind === 'cancellation' && input.cancelReason) lines.push(`Reden: ${input.cancelReason}`, '');
  for (const [label, value] of parts.details) lines.push(`${label}: ${value}`);
  if (input.themes.length > 0) {
    lines.push('', "Thema's:", ...input.themes.map((theme) => `- ${theme}`));
  }
  if (parts.answerLinks) lines.push(...answerLinksText(answerQuestion, parts.answerLinks));
  if (input.feedHint) lines.push('', input.feedHint);
  lines.push('', ending(input.kind) ? 'Met vriendelijke groet,' : 'Tot dan!', SIGNATURE);
  return lines.join('\n') + '\n';
}

function renderHtml(input: MeetingEmailInput, parts: Parts): string {
  const blocks = [`<p>${escapeHtml(parts.greeting)}</p>`, `<p>${escapeHtml(parts.intro)}</p>`];
  if (input.kind === 'cancellation' && input.cancelReason) {
    blocks.push(`<p><strong>Reden:</strong> ${escapeHtml(input.cancelReason)}</p>`);
  }
  blocks.push(detailsTable(parts.details));
  if (input.themes.length > 0) {
    blocks.push(`<p><strong>Thema's</strong></p><ul>${input.themes.map((theme) => `<li>${escapeHtml(theme)}</li>`).join('')}</ul>`);
  }
  if (parts.answerLinks) blocks.push(answerLinksHtml(answerQuestion, parts.answerLinks));
  if (input.feedHint) blocks.push(`<p style="${styles.note}">${linkifyText(input.feedHint)}</p>`);
  blocks.push(`<p>${escapeHtml(ending(input.kind) ? 'Met vriendelijke groet,' : 'Tot dan!')}<br>${escapeHtml(SIGNATURE)}</p>`);
  return wrapEmailHtml(parts.subject, blocks);
}
