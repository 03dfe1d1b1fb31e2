import { escapeHtml } from '../shared/html';
import { UserInputError } from '../shared/errors';
import { htmlResponse, type HttpResponse } from './http-types';

/** A plain, readable Dutch page for people who arrive from a link in an email. */
export function htmlPage(title: string, bodyHtml: string): string {
  return `<!doctype html>
<html lang="nl-BE">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${escapeHtml(title)} · Locon De Stek</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 36rem; margin: 2rem auto; padding: 0 1rem; color: #222; line-height: 1.5">
<p style="color:#2f6b3a; font-weight: 600">Locon De Stek</p>
<h1 style="font-size: 1.4rem">${escapeHtml(title)}</h1>
${bodyHtml}
</body></html>`;
}

/** Submit buttons that send `name=<value>`; the one the link chose stands out. */
export function choiceButtons(name: string, choices: { value: string; label: string }[], chosen?: string | null): string {
  return choices
    .map(({ value, label }) => {
      const style = value === chosen ? 'background:#2f6b3a;color:#fff;border:0' : 'background:#fff;color:#2f6b3a;border:1px solid #2f6b3a';
      return `<button type="submit" name="${escapeHtml(name)}" value="${escapeHtml(value)}" style="${style};padding:.6rem 1rem;margin:.2rem;border-radius:.3rem;font-size:1rem">${escapeHtml(label)}</button>`;
    })
    .join('');
}

/**
 * The form of an answer page (meeting, buurtbabbel): one submit button per answer, posting back to
 * `action` with the link's token. The GET that shows it saves nothing.
 */
export function answerForm(action: string, token: string, buttons: string): string {
  return `<form method="post" action="${escapeHtml(action)}"><input type="hidden" name="token" value="${escapeHtml(token)}">${buttons}</form>
<p style="color:#666;font-size:.9rem">Je antwoord wordt pas bewaard wanneer je op een knop klikt.</p>`;
}

/** A POST without one of the offered answers. */
export const noAnswerChosen = (): HttpResponse =>
  htmlResponse(400, htmlPage('Kies een antwoord', '<p>Kies “Ik kom”, “Misschien” of “Ik kom niet”.</p>'));

/**
 * Records an answer from a link page; when the service refuses it (gone: 404, cancelled or
 * started: 409) the page says why. Any other error propagates.
 */
export async function recordAnswer<T>(record: () => Promise<T>): Promise<{ recorded: T } | { response: HttpResponse }> {
  try {
    return { recorded: await record() };
  } catch (error) {
    if (!(error instanceof UserInputError)) throw error;
    return { response: answerRefused(error) };
  }
}

/** The page for an answer the service refused: 404 when its subject is gone, else 409 (cancelled, started, closed). */
export function answerRefused(error: UserInputError): HttpResponse {
  const status = error.userErrors[0]?.code === 'NOT_FOUND' ? 404 : 409;
  return htmlResponse(status, htmlPage('Antwoorden kan niet meer', `<p>${escapeHtml(error.message)}</p>`));
}
