import { formatDutchDateTime, formatDutchDateTimeRange } from '../../shared/dutch-dates';
import { escapeHtml, safeHref } from '../../shared/html';
import type { RenderedEmail } from '../rendered-email';
import {
  answerLinksHtml,
  answerLinksText,
  detailsTable,
  emailStyles,
  greeting as greetingFor,
  signature,
  wrapEmailHtml,
  type AnswerLinks,
} from './email-layout';

/** The emails a neighbourhood entrepreneur gets about a buurtbabbel (Dutch; pure). */
export type BuurtbabbelEmailKind = 'invitation' | 'reminder' | 'accepted' | 'waiting' | 'promoted' | 'cancellation';

export interface BuurtbabbelEmailInput {
  kind: BuurtbabbelEmailKind;
  recipientName?: string;
  /** The recipient's business: why they get this mail. */
  businessName: string;
  startsAt: Date;
  endsAt: Date;
  location: string;
  hostName?: string;
  cancelReason?: string;
  answerLinks?: AnswerLinks;
  /** The page where they stop receiving invitations; in every buurtbabbel mail. */
  unsubscribeLink: string;
}

const subjectPrefix: Record<BuurtbabbelEmailKind, string> = {
  invitation: 'Uitnodiging',
  reminder: 'Herinnering',
  accepted: 'Je bent welkom',
  waiting: 'Wachtlijst',
  promoted: 'Er is een plaats vrij',
  cancellation: 'Geannuleerd',
};

function introFor(input: BuurtbabbelEmailInput): string {
  const host = input.hostName ? ` We zijn te gast bij ${input.hostName}.` : '';
  switch (input.kind) {
    case 'invitation':
      return `Locon De Stek nodigt de ondernemers rond de Sint-Pietersaalststraat uit voor een buurtbabbel: een ongedwongen moment om elkaar te leren kennen, een drankje te doen en ideeën uit te wisselen.${host}`;
    case 'reminder':
      return `Over twee dagen is het zover: de buurtbabbel. Fijn dat je erbij bent!${host}`;
    case 'accepted':
      return 'Bedankt voor je antwoord: je bent welkom op de buurtbabbel. De afspraak zit in de bijlage, zodat je ze in je agenda kunt zetten.';
    case 'waiting':
      return 'Bedankt voor je antwoord. De buurtbabbel is intussen volzet; je staat op de wachtlijst. Komt er een plaats vrij, dan laten we het je meteen weten.';
    case 'promoted':
      return 'Goed nieuws: er is een plaats vrijgekomen op de buurtbabbel, en die is voor jou. De afspraak zit in de bijlage, zodat je ze in je agenda kunt zetten.';
    case 'cancellation':
      return 'De buurtbabbel gaat helaas niet door. Je kunt de afspraak uit je agenda halen.';
  }
}

function answerQuestion(kind: BuurtbabbelEmailKind): string {
  return kind === 'invitation' ? 'Laat je weten of je komt?' : 'Kan je toch niet komen? Laat het ons weten:';
}

function footer(input: BuurtbabbelEmailInput): string {
  return `Je krijgt deze mail omdat ${input.businessName} een onderneming in de buurt is. Wil je geen uitnodigingen voor buurtbabbels meer krijgen? Meld je af:`;
}

export function renderBuurtbabbelEmail(input: BuurtbabbelEmailInput): RenderedEmail {
  const subject = `${subjectPrefix[input.kind]}: buurtbabbel op ${formatDutchDateTime(input.startsAt)}`;
  const greeting = greetingFor(input.recipientName);
  const details: [string, string][] = [
    ['Wanneer', formatDutchDateTimeRange(input.startsAt, input.endsAt)],
    ['Waar', input.location],
  ];
  const answerLinks = input.kind === 'cancellation' || input.kind === 'waiting' ? undefined : input.answerLinks;
  const closing = input.kind === 'cancellation' ? 'Met vriendelijke groet,' : 'Tot dan!';
  const reason = input.kind === 'cancellation' && input.cancelReason ? input.cancelReason : undefined;

  const lines = [greeting, '', introFor(input), ''];
  if (reason) lines.push(`Reden: ${reason}`, '');
  for (const [label, value] of details) lines.push(`${label}: ${value}`);
  if (answerLinks) lines.push(...answerLinksText(answerQuestion(input.kind), answerLinks));
  lines.push('', closing, signature, '', '--', footer(input), input.unsubscribeLink);
  const text = lines.join('\n') + '\n';

  const blocks = [`<p>${escapeHtml(greeting)}</p>`, `<p>${escapeHtml(introFor(input))}</p>`];
  if (reason) blocks.push(`<p><strong>Reden:</strong> ${escapeHtml(reason)}</p>`);
  blocks.push(detailsTable(details));
  if (answerLinks) blocks.push(answerLinksHtml(answerQuestion(input.kind), answerLinks));
  blocks.push(`<p>${escapeHtml(closing)}<br>${escapeHtml(signature)}</p>`);
  blocks.push(
    `<p style="${emailStyles.note}">${escapeHtml(footer(input))} <a href="${safeHref(input.unsubscribeLink)}">Geen uitnodigingen meer</a></p>`,
  );
  return { subject, text, html: wrapEmailHtml(subject, blocks) };
}
