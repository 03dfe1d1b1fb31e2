import type { AppServices } from '../app/create-app';
import { formatDutchDate } from '../shared/dutch-dates';
import { escapeHtml } from '../shared/html';
import { outcomeLabels, reviewId } from '../modules/projects/consolidation-review';
import type { ConsolidationOutcome, ProjectRecord, ReviewRecord } from '../modules/projects/project';
import { reviewLinkPurpose } from '../modules/projects/review-email.renderer';
import { UserInputError } from '../shared/errors';
import { answerRefused, htmlPage } from './html-page';
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

function reviewForm(project: ProjectRecord, review: ReviewRecord, token: string, values: FormValues, problem?: string): string {
  const options = outcomes
    .map((outcome) => {
      const checked = values.outcome === outcome ? ' checked' : '';
      return `<label style="display:block;margin:.3rem 0"><input type="radio" name="outcome" value="${outcome}"${checked}> ${escapeHtml(outcomeLabels[outcome])}</label>`;
    })
    .join('');
  const asked = review.requestedAt ? `<p>Gevraagd op ${escapeHtml(formatDutchDate(new Date(review.requestedAt)))}.</p>` : '';
  const current = review.answer
    ? `<p>Je huidige antwoord: <strong>${escapeHtml(outcomeLabels[review.answer.outcome])}</strong>. Je kunt het nog wijzigen tot het overleg het bevestigt.</p>`
    : '';
  return `<p>Hoe kan <strong>${escapeHtml(project.name)}</strong> geconsolideerd worden?</p>${asked}${current}
${problem ? `<p style="color:#a40000"><strong>${escapeHtml(problem)}</strong></p>` : ''}
<form method="post" action="review"><input type="hidden" name="token" value="${escapeHtml(token)}">
<fieldset style="border:0;padding:0">${options}</fieldset>
<label style="${label}" for="thirdParty">Aan wie wordt het overgedragen?</label><input style="${input}" id="thirdParty" name="thirdParty" value="${escapeHtml(values.thirdParty ?? '')}">
<label style="${label}" for="spinOffName">Naam van de nieuwe entiteit</label><input style="${input}" id="spinOffName" name="spinOffName" value="${escapeHtml(values.spinOffName ?? '')}">
<label style="${label}" for="note">Toelichting</label><textarea style="${input}" id="note" name="note" rows="4">${escapeHtml(values.note ?? '')}</textarea>
<p><button type="submit" style="background:#2f6b3a;color:#fff;border:0;padding:.6rem 1rem;border-radius:.3rem;font-size:1rem">Antwoord versturen</button></p>
</form>
<p style="color:#666;font-size:.9rem">Je antwoord komt op de agenda van het volgende overleg, dat de beslissing bevestigt.</p>`;
}

/**
 * /review: the page behind the link in consolidation-review emails. GET shows the question and a
 * form and changes nothing (mail scanners open links); the POST of that form records the answer.
 * The token says which promoter partner answers for which review.
 */
export function createReviewRoute(services: AppServices) {
  const title = 'Consolidatiebespreking van een project';

  const notFound = () => htmlResponse(404, htmlPage('Niet gevonden', '<p>Deze consolidatiebespreking bestaat niet meer.</p>'));

  const findReview = (claims: Record<string, string>) =>
    services.consolidationReviews.getForAnswerLink(claims.projectId, Number(claims.review));

  async function answer(claims: Record<string, string>, token: string, values: FormValues): Promise<HttpResponse> {
    // The service reads the project to change it; the page reads it only to show the form again.
    const formAgain = async (problem: string) => {
      const found = await findReview(claims);
      return found ? htmlResponse(400, htmlPage(title, reviewForm(found.project, found.review, token, values, problem))) : notFound();
    };
    if (!outcomes.includes(values.outcome as ConsolidationOutcome)) return formAgain('Kies een van de mogelijkheden.');
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
      if (first?.code === 'NOT_FOUND') return notFound();
      if (first?.field?.[1] && ['thirdParty', 'spinOffName', 'note'].includes(first.field[1])) return formAgain(error.message);
      return answerRefused(error);
    }
    const answered = saved.reviews.find((candidate) => candidate.number === number)!.answer!;
    const detail = answered.thirdParty ?? answered.spinOffName;
    services.logger.info('consolidation review answered by link', { projectId: saved.id, review: number, outcome: answered.outcome });
    return htmlResponse(
      200,
      htmlPage(
        'Bedankt, je antwoord is genoteerd',
        `<p>${escapeHtml(saved.name)}: <strong>${escapeHtml(outcomeLabels[answered.outcome])}</strong>${detail ? ` (${escapeHtml(detail)})` : ''}.</p><p>Het volgende overleg bevestigt de beslissing.</p>`,
      ),
    );
  }

  return async (request: HttpRequest): Promise<HttpResponse> => {
    const verified = await verifyLinkClaims(
      services,
      request,
      reviewLinkPurpose,
      () => 'Gebruik de link uit de laatste e-mail over deze consolidatiebespreking, of vraag de coördinator om een nieuwe.',
    );
    if ('response' in verified) return verified.response;
    const { fields, token, claims } = verified;
    const values: FormValues = {
      outcome: fields.get('outcome') ?? undefined,
      thirdParty: fields.get('thirdParty') ?? undefined,
      spinOffName: fields.get('spinOffName') ?? undefined,
      note: fields.get('note') ?? undefined,
    };
    if (request.method === 'POST') return answer(claims, token, values);

    const found = await findReview(claims);
    if (!found) return notFound();
    const { project, review } = found;
    if (review.confirmedAt || review.cancelledAt) {
      return htmlResponse(
        200,
        htmlPage(
          'Deze consolidatiebespreking is afgerond',
          `<p>${escapeHtml(project.name)}: het overleg heeft al beslist, of het project loopt niet meer.</p>`,
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
    return htmlResponse(200, htmlPage(title, reviewForm(project, review, token, shown)));
  };
}
