import type { AppServices } from '../app/create-app';
import { buildCalendarFeedIcs } from '../mail/calendar/meeting-calendar';
import { textResponse, type HttpRequest, type HttpResponse } from './http-types';
import type { Route } from './router';

const feedPath = /^\/calendar\/([A-Za-z0-9_-]{20,100})\.ics$/;

/**
 * GET /calendar/<secret>.ics: a partner member's personal feed, for calendar apps to subscribe to.
 * The calendar-feed function's one route.
 */
export function calendarFeedRoutes(services: AppServices): Route[] {
  return [
    async (request: HttpRequest): Promise<HttpResponse | undefined> => {
      const token = feedPath.exec(request.path)?.[1];
      if (!token) return undefined;
      if (request.method !== 'GET' && request.method !== 'HEAD') return textResponse(405, 'Alleen GET.');
      const feed = await services.calendarFeeds.feed(token);
      if (!feed) return textResponse(404, 'Deze agenda-link bestaat niet (meer).');
      if (feed === 'EXPIRED')
        return textResponse(410, 'Deze agenda-link is een jaar niet gebruikt en werkt niet meer. Maak in de app een nieuwe agenda-link.');
      const ics = buildCalendarFeedIcs(feed);
      return {
        status: 200,
        headers: {
          'content-type': 'text/calendar; charset=utf-8',
          'cache-control': 'private, max-age=300',
          'content-disposition': 'inline; filename="destek.ics"',
        },
        body: request.method === 'HEAD' ? '' : ics,
      };
    },
  ];
}
