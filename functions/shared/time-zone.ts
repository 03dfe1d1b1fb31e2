/**
 * De Stek meets in Ghent: every time shown to people or written into a calendar is in this zone,
 * whatever zone the server (Lambda runs in UTC, laptops do not) happens to be in.
 */
export const LOCAL_TIME_ZONE = 'Europe/Brussels';
