import { calendarProdId, deStekNames, type NetworkNames } from '../../shared/i18n/network-names';
import { t } from '../../shared/i18n/translate';
import { createHash, randomBytes } from 'node:crypto';
import type { MeetingCalendarEvent } from '../../mail/calendar/meeting-calendar';
import { requireRole, requireViewer } from '../../shared/auth/authorize';
import type { Viewer } from '../../shared/auth/viewer';
import type { Clock } from '../../shared/clock';
import { recipientKey } from '../../shared/recipient-key';
import type { MeetingsRepository } from '../meetings/meetings.repository';
import { meetingUid } from '../meetings/meeting-dispatch';
import { meetingVisibleTo } from '../meetings/meeting';
import type { PartnersRepository } from '../partners/partners.repository';
import { checkEmail } from '../../shared/validation';
import { UserInputError } from '../../shared/errors';
import { feedAccess, feedLanguage, needsUseRecorded } from './calendar-feed';
import type { CalendarFeedsRepository } from './calendar-feeds.repository';

export interface CalendarFeedContent {
  name: string;
  /** PRODID: who makes the calendar, in the network's names. */
  prodId: string;
  stamp: Date;
  events: MeetingCalendarEvent[];
}

/** How far back a feed reaches, so that recent past meetings stay visible in calendars. */
const feedHistoryDays = 90;

export function hashFeedToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export interface CalendarFeedSettings {
  publicBaseUrl: string;
  uidDomain: string;
  organizer: { name: string; email: string };
  /** The network's names (settings): the calendar's name in calendar apps, its PRODID; today's when left out. */
  names?: NetworkNames;
}

export class CalendarFeedsService {
  constructor(
    private readonly feeds: CalendarFeedsRepository,
    private readonly meetings: MeetingsRepository,
    private readonly partners: PartnersRepository,
    private readonly clock: Clock,
    private readonly settings: CalendarFeedSettings,
  ) {}

  /** A new secret feed URL for the viewer; the previous one stops working. */
  async create(viewer: Viewer | undefined): Promise<string> {
    const signedIn = requireViewer(viewer);
    const token = randomBytes(32).toString('base64url');
    await this.feeds.replace(
      hashFeedToken(token),
      {
        viewerId: signedIn.id,
        role: signedIn.role,
        partnerId: signedIn.partnerId,
        createdAt: this.clock.now().toISOString(),
      },
      recipientKey(signedIn.email),
    );
    return `${this.settings.publicBaseUrl}/calendar/${token}.ics`;
  }

  async revoke(viewer: Viewer | undefined): Promise<boolean> {
    return this.feeds.revoke(requireViewer(viewer).id);
  }

  /** A coordinator revokes the feeds a person made (found by their address): true when there was one. */
  async revokeFor(viewer: Viewer | undefined, email: string): Promise<boolean> {
    requireRole(viewer, 'COORDINATOR');
    const invalid = checkEmail(email, ['input', 'email']);
    if (invalid) throw new UserInputError([invalid]);
    const viewerIds = await this.feeds.viewersOfAddress(recipientKey(email));
    const revoked = await Promise.all(viewerIds.map((viewerId) => this.feeds.revoke(viewerId)));
    return revoked.includes(true);
  }

  /**
   * What the feed shows, or undefined for an unknown or revoked token. The route turns it into
   * iCalendar text, so the iCalendar builder is bundled only into the function that serves feeds.
   */
  async feed(token: string): Promise<CalendarFeedContent | 'EXPIRED' | undefined> {
    const tokenHash = hashFeedToken(token);
    const owner = await this.feeds.findByTokenHash(tokenHash);
    if (!owner) return undefined;
    const now = this.clock.now();
    const partner = owner.role === 'PARTNER' && owner.partnerId ? await this.partners.get(owner.partnerId) : undefined;
    const access = feedAccess(owner, partner, now);
    // A partner archived or a representative removed gets the same answer as an unknown feed.
    if (access === 'REFUSED') return undefined;
    if (access === 'EXPIRED') return 'EXPIRED';
    if (needsUseRecorded(owner, now)) await this.feeds.recordUse(tokenHash, now.toISOString());
    const meetings = await this.meetings.listAllFrom(new Date(now.getTime() - feedHistoryDays * 86_400_000));
    const visible = meetings.filter((meeting) => meetingVisibleTo(owner, meeting));
    const language = feedLanguage(owner, partner);
    return {
      name: (this.settings.names ?? deStekNames).network,
      prodId: calendarProdId(this.settings.names ?? deStekNames),
      stamp: now,
      events: visible.map((meeting) => ({
        uid: meetingUid(meeting.id, this.settings.uidDomain),
        sequence: meeting.sequence,
        title: meeting.title,
        location: meeting.location,
        startsAt: new Date(meeting.startsAt),
        endsAt: new Date(meeting.endsAt),
        status: meeting.status === 'CANCELLED' ? 'CANCELLED' : 'CONFIRMED',
        organizer: this.settings.organizer,
        attendees: [],
        description: meeting.themes.length > 0 ? t(language, 'meeting.calendar.themes', { themes: meeting.themes.join(', ') }) : undefined,
      })),
    };
  }
}
