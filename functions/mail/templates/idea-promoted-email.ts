import { escapeHtml } from '../../shared/html';
import type { RenderedEmail } from '../rendered-email';
import { greeting, signature, wrapEmailHtml } from './email-layout';

export interface IdeaPromotedEmailInput {
  recipientName?: string;
  /** The partner the recipient voted for the idea with. */
  partnerName: string;
  ideaTitle: string;
  question: string;
  promoterName: string;
  motivation: string;
  /** Votes the idea had in the session. */
  votes: number;
}

/** To the partners who voted for a matrix idea: it became a project proposal, come and engage. */
export function renderIdeaPromotedEmail(input: IdeaPromotedEmailInput): RenderedEmail {
  const subject = `Jullie idee wordt een project: ${input.ideaTitle}`;
  const paragraphs = [
    greeting(input.recipientName),
    `${input.partnerName} stemde in de matrixsessie "${input.question}" voor het idee "${input.ideaTitle}" (${input.votes} ${input.votes === 1 ? 'stem' : 'stemmen'} in totaal). Dat idee is nu een projectvoorstel, met ${input.promoterName} als promotor.`,
    `Waarom: ${input.motivation}`,
    `Doe je mee? Geef in de app aan hoeveel uren, euro’s of energie ${input.partnerName} in het project kan steken. Het volgende overleg bespreekt het voorstel.`,
    'Met vriendelijke groet,',
  ];
  const text = `${paragraphs.join('\n\n')}\n${signature}\n`;
  const body = paragraphs.map((paragraph) => `<p>${escapeHtml(paragraph)}</p>`);
  body[body.length - 1] = body[body.length - 1].replace('</p>', `<br>${escapeHtml(signature)}</p>`);
  return { subject, text, html: wrapEmailHtml(subject, body) };
}
