import type { AppServices } from '../app/create-app';
import { formatDutchDateTimeRange } from '../shared/dutch-dates';
import { escapeHtml } from '../shared/html';
import type { MeetingRecord, RsvpResponse } from '../modules/meetings/meeting';
import { answerForm, choiceButtons, htmlPage, noAnswerChosen, recordAnswer } from './html-page';
import { htmlResponse, type HttpRequest, type HttpResponse } from './http-types';
import { verifyLinkClaims } from './link-token';

const answers: { response: Exclude<RsvpResponse, 'NEEDS_ACTION'>; label: string }[] = [
  { response: 'ACCEPTED', label: 'Ik kom' },
  { response: 'TENTATIVE', label: 'Misschien' },
  { response: 'DECLINED', label: 'Ik kom niet' },
];

const answerLabel = (response: string) => answers.find((a) => a.response === response)?.label;

function meetingDetails(meeting: MeetingRecord): string {
  const when = formatDutchDateTimeRange(new Date(meeting.startsAt), new Date(meeting.endsAt));
  return `<p><strong>${escapeHtml(meeting.title)}</strong><br>${escapeHtml(when)}<br>${escapeHtml(meeting.location)}</p>`;
}

/**
 * /rsvp: the page behind the answer links in meeting emails. GET only shows the meeting and a
 * form (mail scanners open links, so a GET must change nothing); the POST of that form records
 * the answer. The token in the link says who answers for which partner and meeting.
 */
export function createRsvpRoute(services: AppServices) {
  /** The POST: records first and shows the meeting as the update returned it (one write, no read). */
  async function answer(claims: Record<string, string>, response: string): Promise<HttpResponse> {
    if (!answerLabel(response)) return noAnswerChosen();
    const result = await recordAnswer(() => services.meetings.recordResponse(claims.meetingId, claims.partnerId, response as RsvpResponse));
    if ('response' in result) return result.response;
    const meeting = result.recorded;
    services.logger.info('meeting answered by link', { meetingId: meeting.id, partnerId: claims.partnerId, response });
    return htmlResponse(
      200,
      htmlPage(
        'Bedankt, je antwoord is genoteerd',
        `${meetingDetails(meeting)}<p>Je antwoord: <strong>${escapeHtml(answerLabel(response)!)}</strong>.</p>`,
      ),
    );
  }

  return async (request: HttpRequest): Promise<HttpResponse> => {
    const verified = await verifyLinkClaims(
      services,
      request,
      'rsvp',
      'Vraag de coördinator om een nieuwe uitnodiging, of antwoord vanuit je agenda.',
    );
    if ('response' in verified) return verified.response;
    const { claims, fields, token } = verified;
    if (request.method === 'POST') return answer(claims, fields.get('response') ?? '');

    const meeting = await services.meetings.getForAnswerLink(claims.meetingId);
    if (!meeting) return htmlResponse(404, htmlPage('Vergadering niet gevonden', '<p>Deze vergadering bestaat niet meer.</p>'));
    const details = meetingDetails(meeting);
    if (meeting.status !== 'PLANNED') {
      const why = meeting.status === 'CANCELLED' ? 'Deze vergadering is geannuleerd.' : 'Deze vergadering heeft al plaatsgevonden.';
      return htmlResponse(200, htmlPage(why, details));
    }
    const current = meeting.invitations[claims.partnerId]?.response;
    const chosen = fields.get('answer');
    const buttons = choiceButtons(
      'response',
      answers.map(({ response, label }) => ({ value: response, label })),
      chosen,
    );
    const currentLine =
      current && current !== 'NEEDS_ACTION'
        ? `<p>Je huidige antwoord: <strong>${escapeHtml(answerLabel(current) ?? current)}</strong>.</p>`
        : '';
    return htmlResponse(200, htmlPage('Kom je naar het overleg?', `${details}${currentLine}${answerForm('rsvp', token, buttons)}`));
  };
}
