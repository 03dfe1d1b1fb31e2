import { calendarFeedRoutes } from '../http/calendar-feed-route';
import { httpLambda } from '../runtime/http-lambda';

/** The calendar feeds (`GET /calendar/<secret>.ics`): a function of their own, so the GraphQL bundle has no iCalendar builder. */
export const handler = httpLambda('calendar-feed', (app) => calendarFeedRoutes(app), { linkSigningSecret: false });
