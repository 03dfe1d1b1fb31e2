import { formatDutchDateTime, formatDutchDateTimeRange } from '../dutch-dates';
import { escapeHtml, linkifyText, safeHref } from '../html';
import type { RenderedEmail } from '../rendered-email';

export interface MeetingEmailInput {
  kind: 'invitation' | 'update' | 'cancellation';
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
};

const answerLabels = { accept: 'Ik kom', tentative: 'Misschien', decline: 'Ik kom niet' } as const;
const answerOrder = ['accept', 'tentative', 'decline'] as const;
const ANSWER_NOTE = 'Elke link opent een pagina waar je je antwoord nog bevestigt.';
const SIGNATURE = 'Schakel vzw, voor Locon De Stek';

/** The mail that travels with a meeting's calendar invitation, update or cancellation. */
export function renderMeetingEmail(input: MeetingEmailInput): RenderedEmail {
  const subject = `${subjectPrefix[input.kind]}: ${input.title} op ${formatDutchDateTime(input.startsAt)}`;
  const when = formatDutchDateTimeRange(input.startsAt, input.endsAt);
  // A cancelled meeting has nothing left to answer.
  const answerLinks = input.kind === 'cancellation' ? undefined : input.answerLinks;
  const greeting = input.recipientName ? `Dag ${input.recipientName},` : 'Dag,';
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
  answerLinks?: MeetingEmailInput['answerLinks'];
}

function introFor(input: MeetingEmailInput): string {
  switch (input.kind) {
    case 'invitation':
      return `Je bent uitgenodigd voor ${input.title}. Je krijgt deze mail omdat ${input.partnerName} partner is van Locon De Stek.`;
    case 'update':
      return `${input.title} is gewijzigd. Hieronder staan de nieuwe gegevens; de afspraak in je agenda wordt mee aangepast.`;
    case 'cancellation':
      return `${input.title} gaat niet door. Je kunt de afspraak uit je agenda halen.`;
  }
}

function renderText(input: MeetingEmailInput, parts: Parts): string {
  const lines = [parts.greeting, '', parts.intro, ''];
  if (input.kind === 'cancellation' && input.cancelReason) lines.push(`Reden: ${input.cancelReason}`, '');
  for (const [label, value] of parts.details) lines.push(`${label}: ${value}`);
  if (input.themes.length > 0) {
    lines.push('', "Thema's:", ...input.themes.map((theme) => `- ${theme}`));
  }
  if (parts.answerLinks) {
    const links = parts.answerLinks;
    lines.push('', 'Laat je weten of je komt?');
    for (const key of answerOrder) lines.push(`${answerLabels[key]}: ${links[key]}`);
    lines.push(ANSWER_NOTE);
  }
  if (input.feedHint) lines.push('', input.feedHint);
  lines.push('', input.kind === 'cancellation' ? 'Met vriendelijke groet,' : 'Tot dan!', SIGNATURE);
  return lines.join('\n') + '\n';
}

const styles = {
  body: 'margin:0;padding:24px;background:#f6f6f4;font-family:Arial,Helvetica,sans-serif;color:#222;line-height:1.5;',
  card: 'max-width:560px;margin:0 auto;padding:24px;background:#ffffff;border-radius:6px;',
  label: 'padding:4px 16px 4px 0;vertical-align:top;color:#666;white-space:nowrap;',
  value: 'padding:4px 0;vertical-align:top;',
  button:
    'display:inline-block;margin:0 8px 8px 0;padding:10px 16px;border-radius:4px;background:#2e6b3f;color:#ffffff;text-decoration:none;font-weight:bold;',
  note: 'color:#666;font-size:13px;',
};

function renderHtml(input: MeetingEmailInput, parts: Parts): string {
  const rows = parts.details
    .map(([label, value]) => `<tr><td style="${styles.label}">${escapeHtml(label)}</td><td style="${styles.value}">${escapeHtml(value)}</td></tr>`)
    .join('');
  const blocks = [
    `<p>${escapeHtml(parts.greeting)}</p>`,
    `<p>${escapeHtml(parts.intro)}</p>`,
  ];
  if (input.kind === 'cancellation' && input.cancelReason) {
    blocks.push(`<p><strong>Reden:</strong> ${escapeHtml(input.cancelReason)}</p>`);
  }
  blocks.push(`<table role="presentation" cellpadding="0" cellspacing="0">${rows}</table>`);
  if (input.themes.length > 0) {
    blocks.push(`<p><strong>Thema's</strong></p><ul>${input.themes.map((theme) => `<li>${escapeHtml(theme)}</li>`).join('')}</ul>`);
  }
  if (parts.answerLinks) {
    const links = parts.answerLinks;
    const buttons = answerOrder
      .map((key) => `<a href="${safeHref(links[key])}" style="${styles.button}">${escapeHtml(answerLabels[key])}</a>`)
      .join('');
    blocks.push(`<p><strong>Laat je weten of je komt?</strong></p><p>${buttons}</p><p style="${styles.note}">${escapeHtml(ANSWER_NOTE)}</p>`);
  }
  if (input.feedHint) blocks.push(`<p style="${styles.note}">${linkifyText(input.feedHint)}</p>`);
  blocks.push(`<p>${escapeHtml(input.kind === 'cancellation' ? 'Met vriendelijke groet,' : 'Tot dan!')}<br>${escapeHtml(SIGNATURE)}</p>`);
  return [
    '<!DOCTYPE html>',
    '<html lang="nl-BE">',
    `<head><meta charset="utf-8"><title>${escapeHtml(parts.subject)}</title></head>`,
    `<body style="${styles.body}"><div style="${styles.card}">`,
    blocks.join('\n'),
    '</div></body>',
    '</html>',
    '',
  ].join('\n');
}
