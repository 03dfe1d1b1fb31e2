import { formatDate, formatDateTime, formatDateTimeRange, formatTime } from './i18n/dates';

/** Dutch dates (Europe/Brussels): the Dutch case of i18n/dates.ts, for texts not yet translated. */

/** "donderdag 3 december 2026" */
export const formatDutchDate = (d: Date): string => formatDate('nl', d);

/** "19:30" */
export const formatDutchTime = (d: Date): string => formatTime('nl', d);

/** "donderdag 3 december 2026 om 19:30" */
export const formatDutchDateTime = (d: Date): string => formatDateTime('nl', d);

/** "donderdag 3 december 2026, 19:30–21:30"; both days when it ends on another day. */
export const formatDutchDateTimeRange = (start: Date, end: Date): string => formatDateTimeRange('nl', start, end);
