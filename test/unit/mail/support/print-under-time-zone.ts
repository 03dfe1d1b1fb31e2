/**
 * Run in a child process with TZ set: jest hands each test a copy of process.env, so setting TZ
 * inside a test never reaches Node's clock. Prints what the builders make on such a server.
 */
import { buildCalendarFeedIcs, buildMeetingInvitationIcs } from '../../../../functions/mail/calendar/meeting-calendar';
import { renderMeetingEmail } from '../../../../functions/mail/templates/meeting-email';
import { meetingEvent, STAMP, SUMMER_END, SUMMER_START, WINTER_START, winterInvitationEmail } from './fixtures';

const events = [meetingEvent(), meetingEvent({ uid: 'summer@destek.local', startsAt: SUMMER_START, endsAt: SUMMER_END })];
const output: UnderTimeZoneOutput = {
  offsetMinutes: WINTER_START.getTimezoneOffset(),
  invitation: buildMeetingInvitationIcs({ method: 'REQUEST', stamp: STAMP, event: events[0] }),
  feed: buildCalendarFeedIcs({ name: 'Feed', stamp: STAMP, events }),
  email: renderMeetingEmail(winterInvitationEmail),
};
process.stdout.write(JSON.stringify(output));

export interface UnderTimeZoneOutput {
  offsetMinutes: number;
  invitation: string;
  feed: string;
  email: { subject: string; text: string; html: string };
}
