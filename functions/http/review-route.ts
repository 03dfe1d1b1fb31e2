import type { AppServices } from '../app/create-app';
import { formatDate } from '../shared/i18n/dates';
import { escapeHtml } from '../shared/html';
import { outcomeLabels, reviewId } from '../modules/projects/consolidation-review';
import type { ConsolidationOutcome, ProjectRecord, ReviewRecord } from '../modules/projects/project';
import { reviewLinkPurpose } from '../modules/projects/review-email.renderer';
import { UserInputError } from '../shared/errors';
import { answerRefused, htmlPage, refusalText, type PageContext } from './html-page';
import { htmlResponse, type HttpRequest, type HttpResponse } from './http-types';
import { verifyLinkClaims } from './link-token';

const outcomes = Object.keys(outcomeLabels) as ConsolidationOutcome[];

interface FormValues {
  outcome?: string;
  thirdParty?: string;
  spinOffName?: string;
  note?: string;
}

const label = 'display:block;margin:.6rem 0 .2rem';
const input = 'width:100%;padding:.4rem;font-size:1rem;box-sizing:border-box';

const outcomeLabel = (outcome: ConsolidationOutcome, page: PageContext) => page.tr(`page.review.outcome.${outcome}`);

/** A text with one value in bold: the value is put in after escaping. */
function withBold(text: (marker: string) => string, bold: string): string {
  const marker = '\u0000';
  return escapeHtml(text(marker)).replace(marker, `<strong>${escapeHtml(bold)}</strong>`);
}

function reviewForm(
  project: ProjectRecord,
  review: ReviewRecord,
  token: string,
  values: FormValues,
  page: PageContext,
  problem?: string,
): string {
  const options = outcomes
    .map((outcome) => {
      const checked = values.outcome === outcome ? ' checked' : '';
      return `<label style="display:block;margin:.3rem 0"><input type="radio" name="outcome" value="${outcome}"${checked}> ${escapeHtml(outcomeLabel(outcome, page))}</label>`;
    })
    .join('');
  const asked = review.requestedAt
    ? `<p>${escapeHtml(page.tr('page.review.asked', { date: formatDate(page.language, new Date(review.requestedAt)) }))}</p>`
    : '';
  const current = review.answer
    ? `<p>${withBold((answer) => page.tr('page.review.current', { answer }), outcomeLabel(review.answer.outcome, page))}</p>`
    : '';
  // "Consolidation" is abstract for small entrepreneurs: the page says what the question is for, as the email does.
  return `<p>${withBold((project) => page.tr('page.review.question', { project }), project.name)}</p>
<p style="color:#444">${escapeHtml(page.tr('review.whatItIs'))}</p>${asked}${current}
${problem ? `<p style="color:#a40000"><strong>${escapeHtml(problem)}</strong></p>` : ''}
<form method="post" action="review"><input type="hidden" name="token" value="${escapeHtml(token)}"><input type="hidden" name="lang" value="${page.language}">
<fieldset style="border:0;padding:0">${options}</fieldset>
<label style="${label}" for="thirdParty">${escapeHtml(page.tr('page.review.thirdParty'))}</label><input style="${input}" id="thirdParty" name="thirdParty" value="${escapeHtml(values.thirdParty ?? '')}">
<label style="${label}" for="spinOffName">${escapeHtml(page.tr('page.review.spinOffName'))}</label><input style="${input}" id="spinOffName" name="spinOffName" value="${escapeHtml(values.spinOffName ?? '')}">
<label style="${label}" for="note">${escapeHtml(page.tr('page.review.note'))}</label><textarea style="${input};font-family:inherit" id="note" name="note" rows="4">${escapeHtml(values.note ?? '')}</textarea>
<p><button type="submit" style="background:#2f6b3a;color:#fff;border:0;padding:.6rem 1rem;border-radius:.3rem;font-size:1rem;font-family:inherit">${escapeHtml(page.tr('page.review.send'))}</button></p>
</form>
<p style="color:#666;font-size:.9rem">${escapeHtml(page.tr('page.review.nextMeeting'))}</p>`;
}

/**
 * /review: the page behind the link in consolidation-review emails. GET shows the question and a
 * form and changes nothing (mail scanners open links); the POST of that form records the answer.
 * The token says which promoter partner answers for which review.
 */
export function createReviewRoute(services: AppServices) {
  const notFound = (page: PageContext) =>
    htmlResponse(404, htmlPage(page.tr('page.review.notFoundTitle'), `<p>${escapeHtml(page.tr('page.review.notFound'))}</p>`, page));

  const findReview = (claims: Record<string, string>) =>
    services.consolidationReviews.getForAnswerLink(claims.projectId, Number(claims.review));

  async function answer(claims: Record<string, string>, token: string, values: FormValues, page: PageContext): Promise<HttpResponse> {
    // The service reads the project to change it; the page reads it only to show the form again.
    const formAgain = async (problem: string) => {
      const found = await findReview(claims);
      return found
        ? htmlResponse(
            400,
            htmlPage(page.tr('page.review.title'), reviewForm(found.project, found.review, token, values, page, problem), page),
          )
        : notFound(page);
    };
    if (!outcomes.includes(values.outcome as ConsolidationOutcome)) return formAgain(page.tr('page.review.chooseOne'));
    const number = Number(claims.review);
    let saved: ProjectRecord;
    try {
      saved = await services.consolidationReviews.answerReviewByLink(claims.partnerId, {
        reviewId: reviewId(claims.projectId, number),
        ...values,
        outcome: values.outcome as ConsolidationOutcome,
      });
    } catch (error) {
      if (!(error instanceof UserInputError)) throw error;
      const [first] = error.userErrors;
      if (first?.code === 'NOT_FOUND') return notFound(page);
      if (first?.field?.[1] && ['thirdParty', 'spinOffName', 'note'].includes(first.field[1])) return formAgain(refusalText(error, page));
      return answerRefused(error, page);
    }
    const answered = saved.reviews.find((candidate) => candidate.number === number)!.answer!;
    const detail = answered.thirdParty ?? answered.spinOffName;
    services.logger.info('consolidation review answered by link', { projectId: saved.id, review: number, outcome: answered.outcome });
    return htmlResponse(
      200,
      htmlPage(
        page.tr('page.answer.thanks'),
        `<p>${escapeHtml(saved.name)}: <strong>${escapeHtml(outcomeLabel(answered.outcome, page))}</strong>${detail ? ` (${escapeHtml(detail)})` : ''}.</p><p>${escapeHtml(page.tr('page.review.confirmLater'))}</p>`,
        page,
      ),
    );
  }

  return async (request: HttpRequest): Promise<HttpResponse> => {
    const verified = await verifyLinkClaims(services, request, reviewLinkPurpose, (page) => escapeHtml(page.tr('page.review.invalidLink')));
    if ('response' in verified) return verified.response;
    const { fields, token, claims, page } = verified;
    const values: FormValues = {
      outcome: fields.get('outcome') ?? undefined,
      thirdParty: fields.get('thirdParty') ?? undefined,
      spinOffName: fields.get('spinOffName') ?? undefined,
      note: fields.get('note') ?? undefined,
    };
    if (request.method === 'POST') return answer(claims, token, values, page);

    const found = await findReview(claims);
    if (!found) return notFound(page);
    const { project, review } = found;
    if (review.confirmedAt || review.cancelledAt) {
      return htmlResponse(
        200,
        htmlPage(
          page.tr('page.review.closedTitle'),
          `<p>${escapeHtml(page.tr('page.review.closed', { project: project.name }))}</p>`,
          page,
        ),
      );
    }
    const answered = review.answer;
    const shown = {
      outcome: answered?.outcome,
      thirdParty: answered?.thirdParty,
      spinOffName: answered?.spinOffName,
      note: answered?.note,
    };
    return htmlResponse(200, htmlPage(page.tr('page.review.title'), reviewForm(project, review, token, shown, page), page));
  };
}
