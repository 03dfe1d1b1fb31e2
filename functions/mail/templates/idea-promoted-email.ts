import { escapeHtml } from '../../shared/html';
import type { Language } from '../../shared/i18n/language';
import { deStekNames, type NetworkNames } from '../../shared/i18n/network-names';
import { textsFor } from '../../shared/i18n/translate';
import type { RenderedEmail } from '../rendered-email';
import { greeting, wrapEmailHtml } from './email-layout';

export interface IdeaPromotedEmailInput {
  /** The recipient's language; Dutch when left out. */
  language?: Language;
  /** The network's names (settings); today's when left out. */
  names?: NetworkNames;
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
  const language = input.language ?? 'nl';
  const tr = textsFor(language, input.names ?? deStekNames);
  const subject = tr('idea.subject', { idea: input.ideaTitle });
  const signature = tr('mail.signature');
  const paragraphs = [
    greeting(input.recipientName, tr),
    tr('idea.voted', {
      partner: input.partnerName,
      question: input.question,
      idea: input.ideaTitle,
      votes: input.votes,
      promoter: input.promoterName,
    }),
    tr('idea.why', { motivation: input.motivation }),
    tr('idea.engage', { partner: input.partnerName }),
    tr('mail.kindRegards'),
  ];
  const text = `${paragraphs.join('\n\n')}\n${signature}\n`;
  const body = paragraphs.map((paragraph) => `<p>${escapeHtml(paragraph)}</p>`);
  body[body.length - 1] = body[body.length - 1].replace('</p>', `<br>${escapeHtml(signature)}</p>`);
  return { subject, text, html: wrapEmailHtml(subject, body, language) };
}
