import { formatDutchDate, formatDutchDateTime } from '../../shared/dutch-dates';
import { escapeHtml, safeHref } from '../../shared/html';
import type { RenderedEmail } from '../rendered-email';
import { emailStyles, signature, wrapEmailHtml } from './email-layout';

export type ReviewEmailStep = 'request' | 'reminder1' | 'reminder2' | 'coordinator';

export interface ReviewEmailInput {
  step: ReviewEmailStep;
  /** promoter: asked to answer (with the link); copy: an engaged partner, informed; coordinator: told of no answer. */
  role: 'promoter' | 'copy' | 'coordinator';
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

const OPTIONS = [
  'verder zoals nu;',
  'overdragen aan een derde partij (zeg aan wie);',
  'een nieuwe entiteit die de activiteit overneemt en zelf partner wordt van de Locon (zeg hoe ze heet);',
  'stoppen.',
];
const LINK_NOTE = 'De link opent een pagina waar je je keuze maakt en bevestigt; er verandert niets tot je op de knop drukt.';
/** One plain sentence on what a consolidatiebespreking asks, and why. */
const WHAT_IT_IS =
  'Een consolidatiebespreking is een korte vraag aan de promotor: hoe kan het project op lange termijn verder, met of zonder de Locon? Zo weet het netwerk op tijd wat het project nodig heeft, en blijft wat werkt bestaan.';
const NEXT_MEETING = 'Je antwoord komt op de agenda van het volgende overleg, dat de beslissing bevestigt.';

/** A paragraph, or a list of options; the link is rendered as a button in HTML. */
type Block = { text: string } | { list: string[] } | { link: string; label: string };

/** The emails of a consolidation review: the request, two reminders, and the note to the coordinator. */
export function renderReviewEmail(input: ReviewEmailInput): RenderedEmail {
  const subject = subjectOf(input);
  // The coordinator's address is the network's own mailbox (named after the network): no name in the greeting.
  const name = input.role === 'coordinator' ? undefined : input.recipientName;
  const blocks: Block[] = [{ text: name ? `Dag ${name},` : 'Dag,' }, ...bodyOf(input), { text: 'Met vriendelijke groet,' }];
  return { subject, text: renderText(blocks), html: renderHtml(subject, blocks) };
}

function subjectOf(input: ReviewEmailInput): string {
  const about = `consolidatiebespreking van ${input.projectName}`;
  if (input.role === 'coordinator') return input.step === 'coordinator' ? `Geen antwoord: ${about}` : `Promotor niet bereikbaar: ${about}`;
  if (input.role === 'copy') return `Ter info: ${about}`;
  if (input.step === 'reminder1') return `Herinnering: ${about}`;
  if (input.step === 'reminder2') return `Tweede herinnering: ${about}`;
  return `Consolidatiebespreking van ${input.projectName}: hoe gaat het verder?`;
}

function bodyOf(input: ReviewEmailInput): Block[] {
  const asked = formatDutchDate(input.requestedAt);
  if (input.role === 'coordinator' && input.step !== 'coordinator') {
    const laterReminders: Partial<Record<ReviewEmailStep, string>> = {
      request: ' De herinneringen gaan dan naar het nieuwe adres.',
      reminder1: ' De laatste herinnering gaat dan naar het nieuwe adres.',
    };
    return [
      {
        text: `Onze mails over de consolidatiebespreking van ${input.projectName} komen niet aan bij ${input.promoterName}, de promotor: hun e-mailadres wordt geweigerd. De vraag van ${asked} heeft hen dus niet bereikt.`,
      },
      {
        text: `Vraag het hen zelf en vul hun antwoord in de app in, of pas hun e-mailadres aan bij de partnergegevens.${laterReminders[input.step] ?? ''}`,
      },
      { text: 'Zonder antwoord komt de vraag op de agenda van het volgende overleg.' },
    ];
  }
  if (input.role === 'coordinator') {
    const agenda = input.agendaMeeting
      ? `De vraag staat nu op de agenda van ${input.agendaMeeting.title} op ${formatDutchDateTime(input.agendaMeeting.startsAt)}.`
      : 'Er is nog geen volgend overleg gepland: de vraag komt op de agenda van het eerste overleg dat je plant.';
    const why = input.promoterUnreachable
      ? ': onze mails kwamen niet aan, want hun e-mailadres wordt geweigerd.'
      : ', ook niet na twee herinneringen.';
    return [
      {
        text: `${input.promoterName}, promotor van ${input.projectName}, heeft niet geantwoord op de vraag van ${asked} voor de consolidatiebespreking${why}`,
      },
      { text: agenda },
    ];
  }
  if (input.role === 'copy') {
    return [
      {
        text: `${input.partnerName ?? 'Jullie organisatie'} is betrokken bij ${input.projectName}. We vroegen de promotor, ${input.promoterName}, hoe het project geconsolideerd kan worden:`,
      },
      { list: OPTIONS },
      { text: 'Het antwoord komt op de agenda van het volgende overleg. Denk gerust mee met de promotor.' },
    ];
  }
  const intro =
    input.step === 'request'
      ? `${input.promoterName} is promotor van ${input.projectName} in Locon De Stek. Het is tijd om te bekijken hoe het project geconsolideerd kan worden. Wat past het best?`
      : `Op ${asked} vroegen we hoe ${input.projectName} geconsolideerd kan worden. We kregen nog geen antwoord. Wat past het best?`;
  const blocks: Block[] = [{ text: intro }];
  if (input.step === 'request') blocks.push({ text: WHAT_IT_IS });
  blocks.push({ list: OPTIONS });
  if (input.answerLink) blocks.push({ link: input.answerLink, label: 'Geef je antwoord' }, { text: LINK_NOTE });
  blocks.push({ text: NEXT_MEETING });
  if (input.step === 'reminder2') blocks.push({ text: 'Zonder antwoord brengt de coördinator de vraag naar het volgende overleg.' });
  if (input.step === 'request' && input.copyPartnerNames.length > 0)
    blocks.push({ text: `In kopie: ${input.copyPartnerNames.join(', ')}.` });
  return blocks;
}

function renderText(blocks: Block[]): string {
  const parts = blocks.map((block) => {
    if ('list' in block) return block.list.map((item) => `- ${item}`).join('\n');
    if ('link' in block) return `${block.label}: ${block.link}`;
    return block.text;
  });
  return `${parts.join('\n\n')}\n${signature}\n`;
}

function renderHtml(subject: string, blocks: Block[]): string {
  const body = blocks.map((block) => {
    if ('list' in block) return `<ul>${block.list.map((item) => `<li>${escapeHtml(item)}</li>`).join('')}</ul>`;
    if ('link' in block) return `<p><a href="${safeHref(block.link)}" style="${emailStyles.button}">${escapeHtml(block.label)}</a></p>`;
    return `<p>${escapeHtml(block.text)}</p>`;
  });
  body[body.length - 1] = body[body.length - 1].replace('</p>', `<br>${escapeHtml(signature)}</p>`);
  return wrapEmailHtml(subject, body);
}
