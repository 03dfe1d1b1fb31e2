import type { AppServices } from '../app/create-app';
import { formatDateTimeRange } from '../shared/i18n/dates';
import { escapeHtml } from '../shared/html';
import type { MeetingRecord, RsvpResponse } from '../modules/meetings/meeting';
import { answerChoices, answerForm, choiceButtons, htmlPage, noAnswerChosen, recordAnswer, type PageContext } from './html-page';
import { htmlResponse, type HttpRequest, type HttpResponse } from './http-types';
import { verifyLinkClaims } from './link-token';

type Answer = Exclude<RsvpResponse, 'NEEDS_ACTION'>;

const answers = (page: PageContext) => answerChoices<Answer>({ yes: 'ACCEPTED', maybe: 'TENTATIVE', no: 'DECLINED' }, page);

const answerLabel = (response: string, page: PageContext) => answers(page).find((a) => a.value === response)?.label;

function meetingDetails(meeting: MeetingRecord, page: PageContext): string {
  const when = formatDateTimeRange(page.language, new Date(meeting.startsAt), new Date(meeting.endsAt));
  return `<p><strong dir="auto">${escapeHtml(meeting.title)}</strong><br>${escapeHtml(when)}<br><span dir="auto">${escapeHtml(meeting.location)}</span></p>`;
}

/** "Je antwoord: <strong>Ik kom</strong>." with the answer in bold. */
function answerLine(key: 'page.answer.yours' | 'page.answer.current', label: string, page: PageContext): string {
  const marker = '\u0000';
  return `<p>${escapeHtml(page.tr(key, { answer: marker })).replace(marker, `<strong>${escapeHtml(label)}</strong>`)}</p>`;
}

/**
 * /rsvp: the page behind the answer links in meeting emails, in the reader's language. GET only
 * shows the meeting and a form (mail scanners open links, so a GET must change nothing); the POST
 * of that form records the answer. The token in the link says who answers for which partner and
 * meeting, and in which language the invitation was written.
 */
export function createRsvpRoute(services: AppServices) {
  /** The POST: records first and shows the meeting as the update returned it (one write, no read). */
  async function answer(claims: Record<string, string>, response: string, page: PageContext): Promise<HttpResponse> {
    const label = answerLabel(response, page);
    if (!label) return noAnswerChosen(page);
    const result = await recordAnswer(
      () => services.meetings.recordResponse(claims.meetingId, claims.partnerId, response as RsvpResponse),
      page,
    );
    if ('response' in result) return result.response;
    const meeting = result.recorded;
    services.logger.info('meeting answered by link', { meetingId: meeting.id, partnerId: claims.partnerId, response });
    return htmlResponse(
      200,
      htmlPage(page.tr('page.answer.thanks'), `${meetingDetails(meeting, page)}${answerLine('page.answer.yours', label, page)}`, page),
    );
  }

  return async (request: HttpRequest): Promise<HttpResponse> => {
    const verified = await verifyLinkClaims(services, request, 'rsvp', (page) => escapeHtml(page.tr('page.rsvp.invalidLink')));
    if ('response' in verified) return verified.response;
    const { claims, fields, token, page } = verified;
    if (request.method === 'POST') return answer(claims, fields.get('response') ?? '', page);

    const meeting = await services.meetings.getForAnswerLink(claims.meetingId);
    if (!meeting)
      return htmlResponse(404, htmlPage(page.tr('page.rsvp.notFoundTitle'), `<p>${escapeHtml(page.tr('page.rsvp.notFound'))}</p>`, page));
    const details = meetingDetails(meeting, page);
    if (meeting.status !== 'PLANNED') {
      const why = meeting.status === 'CANCELLED' ? page.tr('page.rsvp.cancelled') : page.tr('page.rsvp.past');
      return htmlResponse(200, htmlPage(why, details, page));
    }
    const current = meeting.invitations[claims.partnerId]?.response;
    const buttons = choiceButtons('response', answers(page), fields.get('answer'));
    const currentLine =
      current && current !== 'NEEDS_ACTION' ? answerLine('page.answer.current', answerLabel(current, page) ?? current, page) : '';
    return htmlResponse(
      200,
      htmlPage(page.tr('page.rsvp.question'), `${details}${currentLine}${answerForm('rsvp', token, buttons, page)}`, page),
    );
  };
}
