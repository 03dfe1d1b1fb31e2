import type { AppServices } from '../app/create-app';
import { buildCalendarFeedIcs } from '../mail/calendar/meeting-calendar';
import { textResponse, type HttpRequest, type HttpResponse } from './http-types';
import type { Route } from './router';
import type { MessageKey } from '../shared/i18n/catalogues';
import { defaultLanguage, fromAcceptLanguage } from '../shared/i18n/language';
import { t } from '../shared/i18n/translate';

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
      // A calendar app sends no Accept-Language (or its system's); a person's browser sends theirs.
      const tr = (key: MessageKey) => t(fromAcceptLanguage(request.headers['accept-language']) ?? defaultLanguage, key);
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        const refused = textResponse(405, tr('calendarFeed.onlyGet'));
        return { ...refused, headers: { ...refused.headers, allow: 'GET, HEAD' } };
      }
      const feed = await services.calendarFeeds.feed(token);
      if (!feed) return textResponse(404, tr('calendarFeed.notFound'));
      if (feed === 'EXPIRED') return textResponse(410, tr('calendarFeed.expired'));
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
