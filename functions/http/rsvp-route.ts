import type { AppServices } from '../app/create-app';
import { formatDutchDateTimeRange } from '../mail/dutch-dates';
import { escapeHtml } from '../mail/html';
import type { MeetingRecord, RsvpResponse } from '../modules/meetings/meeting';
import { UserInputError } from '../shared/errors';
import { htmlPage } from './html-page';
import { htmlResponse, type HttpRequest, type HttpResponse } from './http-types';
import { openLinkPage } from './link-page';

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
  const secret = services.config.linkSigningSecret;

  /** The POST: records first and shows the meeting as the update returned it (one write, no read). */
  async function answer(claims: Record<string, string>, response: string): Promise<HttpResponse> {
    if (!answerLabel(response)) return htmlResponse(400, htmlPage('Kies een antwoord', '<p>Kies ja, nee of misschien.</p>'));
    let meeting: MeetingRecord;
    try {
      meeting = await services.meetings.recordResponse(claims.meetingId, claims.partnerId, response as RsvpResponse);
    } catch (error) {
      if (!(error instanceof UserInputError)) throw error;
      const status = error.userErrors[0]?.code === 'NOT_FOUND' ? 404 : 409;
      return htmlResponse(status, htmlPage('Antwoorden kan niet meer', `<p>${escapeHtml(error.message)}</p>`));
    }
    services.logger.info('meeting answered by link', { meetingId: meeting.id, partnerId: claims.partnerId, response });
    return htmlResponse(200, htmlPage('Bedankt, je antwoord is genoteerd', `${meetingDetails(meeting)}<p>Je antwoord: <strong>${escapeHtml(answerLabel(response)!)}</strong>.</p>`));
  }

  return async (request: HttpRequest): Promise<HttpResponse> => {
    const opened = await openLinkPage(request, {
      secret,
      purpose: 'rsvp',
      now: services.clock.now(),
      help: 'Vraag de coördinator om een nieuwe uitnodiging, of antwoord vanuit je agenda.',
    });
    if ('status' in opened) return opened;
    const { fields, token, claims } = opened;
    if (request.method === 'POST') return answer(claims, fields.get('response') ?? '');

    const meeting = await services.repositories.meetings.get(claims.meetingId);
    if (!meeting) return htmlResponse(404, htmlPage('Vergadering niet gevonden', '<p>Deze vergadering bestaat niet meer.</p>'));
    const details = meetingDetails(meeting);
    if (meeting.status !== 'PLANNED') {
      const why = meeting.status === 'CANCELLED' ? 'Deze vergadering is geannuleerd.' : 'Deze vergadering heeft al plaatsgevonden.';
      return htmlResponse(200, htmlPage(why, details));
    }
    const current = meeting.invitations[claims.partnerId]?.response;
    const chosen = fields.get('answer');
    const buttons = answers
      .map(({ response, label }) => {
        const primary = response === chosen;
        const style = primary ? 'background:#2f6b3a;color:#fff;border:0' : 'background:#fff;color:#2f6b3a;border:1px solid #2f6b3a';
        return `<button type="submit" name="response" value="${response}" style="${style};padding:.6rem 1rem;margin:.2rem;border-radius:.3rem;font-size:1rem">${escapeHtml(label)}</button>`;
      })
      .join('');
    const currentLine = current && current !== 'NEEDS_ACTION' ? `<p>Je huidige antwoord: <strong>${escapeHtml(answerLabel(current) ?? current)}</strong>.</p>` : '';
    return htmlResponse(
      200,
      htmlPage(
        'Kom je naar het overleg?',
        `${details}${currentLine}<form method="post" action="rsvp"><input type="hidden" name="token" value="${escapeHtml(token)}">${buttons}</form>
<p style="color:#666;font-size:.9rem">Je antwoord wordt pas bewaard wanneer je op een knop klikt.</p>`,
      ),
    );
  };
}
