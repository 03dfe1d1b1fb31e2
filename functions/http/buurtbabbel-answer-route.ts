import type { AppServices } from '../app/create-app';
import { formatDateTimeRange } from '../shared/i18n/dates';
import { escapeHtml } from '../shared/html';
import { UserInputError } from '../shared/errors';
import { isOpenForAnswers, type BuurtbabbelAnswer, type BuurtbabbelRecord, type GuestStatus } from '../modules/buurtbabbels/buurtbabbel';
import { answerChoices, answerForm, choiceButtons, htmlPage, noAnswerChosen, recordAnswer, type PageContext } from './html-page';
import { htmlResponse, type HttpRequest, type HttpResponse } from './http-types';
import { verifyLinkClaims } from './link-token';

const answers = (page: PageContext) => answerChoices<BuurtbabbelAnswer>({ yes: 'YES', maybe: 'MAYBE', no: 'NO' }, page);

/** What the page says after an answer: for a neighbour no mail reaches any more (opted out, or become a partner), or who had their limit of answer mails today, it promises no mail. */
function outcomeText(status: GuestStatus, page: PageContext, why: { unmailed?: boolean; mailHeld?: boolean }): string {
  const promisesMail = status === 'ACCEPTED' || status === 'WAITING';
  if (promisesMail && why.unmailed) return page.tr('page.buurtbabbel.outcomeUnmailed', { status });
  if (promisesMail && why.mailHeld) return page.tr('page.buurtbabbel.outcomeHeld', { status });
  return page.tr('page.buurtbabbel.outcome', { status });
}

/** Why answering is closed, in the page's language (the service's own message is Dutch). */
function closedText(code: string | undefined, page: PageContext): string | undefined {
  if (code === 'CANCELLED') return page.tr('page.buurtbabbel.cancelled');
  if (code === 'ALREADY_STARTED') return page.tr('page.buurtbabbel.started');
  if (code === 'NOT_FOUND') return page.tr('page.buurtbabbel.notFound');
  return undefined;
}

function details(buurtbabbel: BuurtbabbelRecord, page: PageContext): string {
  const when = formatDateTimeRange(page.language, new Date(buurtbabbel.startsAt), new Date(buurtbabbel.endsAt));
  return `<p><strong>${escapeHtml(page.tr('page.buurtbabbel.name'))}</strong><br>${escapeHtml(when)}<br><span dir="auto">${escapeHtml(buurtbabbel.location)}</span></p>`;
}

/**
 * /buurtbabbel/answer: the page behind the answer links in a buurtbabbel invitation, in the
 * neighbour's language. GET shows the buurtbabbel and the three answers and changes nothing (mail
 * scanners open links); the POST of that form records the answer. The link's token says which
 * neighbour answers for which buurtbabbel, and in which language the invitation was written.
 */
export function createBuurtbabbelAnswerRoute(services: AppServices) {
  return async (request: HttpRequest): Promise<HttpResponse> => {
    const verified = await verifyLinkClaims(services, request, 'buurtbabbel-answer', (page) =>
      escapeHtml(page.tr('page.buurtbabbel.invalidLink')),
    );
    if ('response' in verified) return verified.response;
    const { claims, fields, token, page } = verified;

    if (request.method === 'POST') {
      const answer = fields.get('answer') ?? '';
      if (!answers(page).some((a) => a.value === answer)) return noAnswerChosen(page);
      const result = await recordAnswer(async () => {
        try {
          return await services.buurtbabbels.answer(claims.buurtbabbelId, claims.neighbourId, answer as BuurtbabbelAnswer);
        } catch (error) {
          // The refusal in the page's language; its code (and so the status) stays the service's.
          const first = error instanceof UserInputError ? error.userErrors[0] : undefined;
          const text = closedText(first?.code, page);
          if (first && text) throw new UserInputError([{ ...first, message: text }]);
          throw error;
        }
      }, page);
      if ('response' in result) return result.response;
      const { buurtbabbel, status, unmailed, mailHeld } = result.recorded;
      services.logger.info('buurtbabbel answered by link', { buurtbabbelId: buurtbabbel.id, status, mailHeld: mailHeld ?? false });
      const text = outcomeText(status, page, { unmailed, mailHeld });
      return htmlResponse(200, htmlPage(page.tr('page.answer.thanks'), `${details(buurtbabbel, page)}<p>${escapeHtml(text)}</p>`, page));
    }

    const { buurtbabbel, guest } = await services.buurtbabbels.getForAnswerLink(claims.buurtbabbelId, claims.neighbourId);
    if (!buurtbabbel)
      return htmlResponse(
        404,
        htmlPage(page.tr('page.buurtbabbel.notFoundTitle'), `<p>${escapeHtml(page.tr('page.buurtbabbel.notFound'))}</p>`, page),
      );
    // Cancelled or already started: say so instead of offering buttons that can only fail.
    const closed = isOpenForAnswers(buurtbabbel, services.clock.now());
    if (closed) return htmlResponse(200, htmlPage(closedText(closed.code, page) ?? closed.message, details(buurtbabbel, page), page));
    const marker = '\u0000';
    const current = guest?.status
      ? `<p>${escapeHtml(page.tr('page.answer.current', { answer: marker })).replace(marker, `<strong>${escapeHtml(page.tr('page.buurtbabbel.status', { status: guest.status }))}</strong>`)}</p>`
      : '';
    return htmlResponse(
      200,
      htmlPage(
        page.tr('page.buurtbabbel.question'),
        `${details(buurtbabbel, page)}${current}${answerForm('answer', token, choiceButtons('answer', answers(page), fields.get('answer')), page)}`,
        page,
      ),
    );
  };
}
