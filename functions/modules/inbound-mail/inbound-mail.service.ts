import type { Language } from '../../shared/i18n/language';
import type { NetworkNames } from '../../shared/i18n/network-names';
import { TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createHash } from 'node:crypto';
import { formatDutchDateTimeRange } from '../../shared/dutch-dates';
import type { Mailer } from '../../mail/mailer';
import { renderForward } from '../../mail/templates/inbound-mail-email';
import type { Clock } from '../../shared/clock';
import { isConditionFailure } from '../../shared/dynamodb/conditional';
import { UserInputError } from '../../shared/errors';
import type { Logger } from '../../shared/logger';
import type { MeetingRecord, RsvpResponse } from '../meetings/meeting';
import type { MeetingsRepository } from '../meetings/meetings.repository';
import type { MeetingsService } from '../meetings/meetings.service';
import type { OutboxRepository } from '../outbox/outbox.repository';
import { invitationRecipients } from '../partners/partner';
import type { PartnersRepository } from '../partners/partners.repository';
import {
  classifyInbound,
  forwardedMarkerHeader,
  forwardedMarkerValue,
  parseInboundMessage,
  type ForwardReason,
  type InboundMessage,
  type ItipMessage,
} from './parse-itip-reply';
import { planStaleReplyNote } from './stale-reply-note';

/**
 * What arrives at the organizer address (the ORGANIZER of every invitation): calendar replies are
 * recorded as the partner's answer through the same service call as an answer link; everything
 * else reaches the coordinator, so nothing a person wrote is lost. Automatic mail is never answered.
 */
export type InboundOutcome =
  | 'recorded'
  /** A later answer (by link, or a later reply) was stored already, or this very reply was. */
  | 'superseded'
  /** A reply to a version whose time changed since: not recorded; the person got a note (unless it was automatic). */
  | 'outdated'
  | 'counter-forwarded'
  | 'forwarded'
  | 'dropped';

export type InboundForwardReason = ForwardReason | 'unknown-meeting' | 'not-invited' | 'not-open';

export interface InboundMailSettings {
  /** Domain of meeting UIDs (the organizer's mail domain). */
  uidDomain: string;
  coordinatorEmail: string;
  mailFrom: string;
  /** The network's names in the forward's cover (settings); today's when left out. */
  names?: NetworkNames;
}

/** SES takes messages up to 40 MB; an attachment is base64 (4/3 larger): a forward keeps well under. */
const maxAttachedBytes = 9 * 1024 * 1024;

const forwardWhy: Record<InboundForwardReason, string> = {
  'no-calendar': 'Het is geen antwoord uit een agenda; wellicht schreef iemand terug, of is het een automatisch antwoord.',
  'unreadable-calendar': 'Het bevat een agenda-onderdeel dat niet te lezen is.',
  'not-a-reply': 'Het agenda-onderdeel is geen antwoord op een uitnodiging.',
  'no-single-attendee': 'Het agenda-antwoord noemt niet precies één deelnemer.',
  'unknown-partstat': 'Het agenda-antwoord zegt niet of de persoon komt.',
  'no-sender': 'De afzender is niet duidelijk.',
  'sender-not-attendee': 'De afzender is niet de deelnemer voor wie het antwoord geldt; het is niet genoteerd.',
  'authentication-failed': 'De echtheid van de afzender kon niet bevestigd worden (SPF of DKIM faalde); het antwoord is niet genoteerd.',
  'too-large': 'Het is te groot om als agenda-antwoord gelezen te worden.',
  'unknown-meeting': 'Het agenda-antwoord hoort bij geen enkele vergadering van het netwerk.',
  'not-invited': 'Het agenda-antwoord komt van iemand die niet voor deze vergadering is uitgenodigd.',
  'not-open': 'Het agenda-antwoord geldt een vergadering die geannuleerd is of al plaatsvond.',
};

const responseOf: Record<'ACCEPTED' | 'DECLINED' | 'TENTATIVE', RsvpResponse> = {
  ACCEPTED: 'ACCEPTED',
  DECLINED: 'DECLINED',
  TENTATIVE: 'TENTATIVE',
};

/**
 * Whether a reply to SEQUENCE `sequence` answers the meeting as it now stands: the current version
 * or a later one, or an older one when the time has not changed since (a new place or agenda does
 * not undo an answer). A meeting stored before the time change was kept counts only its current SEQUENCE.
 */
export function replyStillCounts(meeting: Pick<MeetingRecord, 'sequence' | 'timeChangedAtSequence'>, sequence: number): boolean {
  return sequence >= (meeting.timeChangedAtSequence ?? meeting.sequence);
}

/** The meeting id in a UID of ours (`meeting-<id>@<domain>`), compared case-insensitively on the domain. */
export function meetingIdFromUid(uid: string, uidDomain: string): string | undefined {
  const match = /^meeting-([A-Za-z0-9_-]+)@(.+)$/.exec(uid.trim());
  return match && match[2].toLowerCase() === uidDomain.toLowerCase() ? match[1] : undefined;
}

export class InboundMailService {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly meetingsRepository: MeetingsRepository,
    private readonly meetings: MeetingsService,
    private readonly partners: PartnersRepository,
    private readonly outbox: OutboxRepository,
    private readonly mailer: Mailer,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly settings: InboundMailSettings,
  ) {}

  /** Handles one received message; `receivedAt` is when the mail server took it (now when unknown). */
  async receive(raw: Buffer, receivedAt: Date = this.clock.now()): Promise<InboundOutcome> {
    const message = await parseInboundMessage(raw);
    // One key per message: its Message-ID (the same when a server delivers it twice, whatever
    // headers each delivery adds), else its bytes. Logs name the message by it, never by an address.
    const messageKey = createHash('sha256')
      .update(message.messageId ? `id:${message.messageId}` : raw)
      .digest('hex')
      .slice(0, 32);
    const log = this.logger.child({ inboundMessage: messageKey });
    const found = classifyInbound(message);
    switch (found.kind) {
      case 'drop':
        log.warn('inbound message dropped', { reason: found.reason });
        return 'dropped';
      case 'forward':
        return this.forward(raw, message, messageKey, found.reason, log);
      case 'counter':
        return this.forwardCounter(raw, message, messageKey, found.itip, log);
      case 'reply': {
        const meetingId = meetingIdFromUid(found.itip.uid, this.settings.uidDomain);
        const meeting = meetingId ? await this.meetingsRepository.get(meetingId) : undefined;
        if (!meeting) return this.forward(raw, message, messageKey, 'unknown-meeting', log);
        const invitee = await this.findInvitee(meeting, found.attendee.email);
        if (!invitee) return this.forward(raw, message, messageKey, 'not-invited', log);
        if (meeting.status !== 'PLANNED') return this.forward(raw, message, messageKey, 'not-open', log);
        const sequence = found.itip.sequence ?? 0;
        const fields = { meetingId: meeting.id, partnerId: invitee.partnerId, replySequence: sequence, sequence: meeting.sequence };
        if (!replyStillCounts(meeting, sequence)) {
          log.info('calendar reply to an earlier time ignored', { ...fields, automatic: message.automatic });
          if (!message.automatic) await this.noteOutdated(messageKey, meeting, invitee, log);
          return 'outdated';
        }
        return this.record(raw, message, messageKey, meeting, invitee.partnerId, found.attendee.partstat, found.itip, receivedAt, log);
      }
    }
  }

  private async record(
    raw: Buffer,
    message: InboundMessage,
    messageKey: string,
    meeting: MeetingRecord,
    partnerId: string,
    partstat: 'ACCEPTED' | 'DECLINED' | 'TENTATIVE',
    itip: ItipMessage,
    receivedAt: Date,
    log: Logger,
  ): Promise<InboundOutcome> {
    // When the person answered: the reply's DTSTAMP, but never later than its arrival (a clock ahead).
    const answeredAt = itip.stamp && itip.stamp.getTime() < receivedAt.getTime() ? itip.stamp : receivedAt;
    const response = responseOf[partstat];
    try {
      const after = await this.meetings.recordResponse(meeting.id, partnerId, response, { answeredAt });
      const stored = after.invitations[partnerId];
      // Written now only when the version moved; the same reply again leaves it as it was.
      const recorded = after.version > meeting.version && stored?.respondedAt === answeredAt.toISOString() && stored.response === response;
      log.info(recorded ? 'meeting answered from a calendar' : 'calendar reply older than the stored answer', {
        meetingId: meeting.id,
        partnerId,
        response,
      });
      return recorded ? 'recorded' : 'superseded';
    } catch (error) {
      // Cancelled or taken off the list in the meantime: the coordinator sees it.
      if (error instanceof UserInputError) return this.forward(raw, message, messageKey, 'not-open', log);
      throw error;
    }
  }

  /** The invited partner whose invitation went to `email` (case-insensitive). */
  private async findInvitee(
    meeting: MeetingRecord,
    email: string,
  ): Promise<{ partnerId: string; name?: string; email: string; language?: Language } | undefined> {
    const partners = await this.partners.getMany(Object.keys(meeting.invitations));
    for (const partner of partners.values()) {
      const person = invitationRecipients(partner).find((recipient) => recipient.email.trim().toLowerCase() === email);
      if (person) return { partnerId: partner.id, name: person.name, email: person.email, language: person.language };
    }
    return undefined;
  }

  private async noteOutdated(
    messageKey: string,
    meeting: MeetingRecord,
    invitee: { partnerId: string; name?: string; email: string; language?: Language },
    log: Logger,
  ): Promise<void> {
    const now = this.clock.now();
    const dispatch = planStaleReplyNote({
      messageKey,
      meeting,
      partnerId: invitee.partnerId,
      recipient: { email: invitee.email, name: invitee.name, language: invitee.language },
      createdAt: now.toISOString(),
    });
    try {
      await this.db.send(new TransactWriteCommand({ TransactItems: [this.outbox.dispatchPut(dispatch, now)] }));
    } catch (error) {
      // The same reply delivered again: its note is queued already.
      if (!isConditionFailure(error)) throw error;
      log.info('note on an outdated calendar reply was queued before');
    }
  }

  private async forwardCounter(
    raw: Buffer,
    message: InboundMessage,
    messageKey: string,
    itip: ItipMessage,
    log: Logger,
  ): Promise<InboundOutcome> {
    const meetingId = meetingIdFromUid(itip.uid, this.settings.uidDomain);
    const meeting = meetingId ? await this.meetingsRepository.get(meetingId) : undefined;
    const facts: [string, string][] = [];
    if (meeting)
      facts.push(['Vergadering', `${meeting.title}, ${formatDutchDateTimeRange(new Date(meeting.startsAt), new Date(meeting.endsAt))}`]);
    if (message.from) facts.push(['Van', message.from]);
    const { start, end, location } = itip.proposed ?? {};
    if (start && end && end.getTime() > start.getTime()) facts.push(['Voorgesteld tijdstip', formatDutchDateTimeRange(start, end)]);
    if (location && location !== meeting?.location) facts.push(['Voorgestelde plaats', location]);
    if (itip.comment) facts.push(['Opmerking', itip.comment.trim()]);
    await this.send(raw, message, messageKey, {
      subjectPrefix: 'Tegenvoorstel',
      why: 'Een genodigde stelt vanuit de agenda een ander tijdstip voor. Het antwoord is niet genoteerd; pas de vergadering aan in de app als het voorstel past.',
      facts,
    });
    log.info('counter-proposal forwarded to the coordinator', { meetingId: meeting?.id });
    return 'counter-forwarded';
  }

  private async forward(
    raw: Buffer,
    message: InboundMessage,
    messageKey: string,
    reason: InboundForwardReason,
    log: Logger,
  ): Promise<InboundOutcome> {
    await this.send(raw, message, messageKey, { why: forwardWhy[reason] });
    log.info('inbound message forwarded to the coordinator', { reason, automatic: message.automatic });
    return 'forwarded';
  }

  /** To the coordinator, with the original attached untouched; marked so that it is never answered or forwarded again. */
  private async send(
    raw: Buffer,
    message: InboundMessage,
    messageKey: string,
    cover: { why: string; facts?: [string, string][]; subjectPrefix?: string },
  ): Promise<void> {
    const truncated = raw.length > maxAttachedBytes;
    const rendered = renderForward({ originalSubject: message.subject, truncated, names: this.settings.names, ...cover });
    await this.mailer.send({
      ...rendered,
      // The same message received twice is forwarded with the same Message-ID: recognisable as one.
      messageId: `<inbound.${messageKey}@${this.settings.uidDomain}>`,
      from: this.settings.mailFrom,
      to: this.settings.coordinatorEmail,
      headers: {
        'Auto-Submitted': 'auto-forwarded',
        [forwardedMarkerHeader]: forwardedMarkerValue,
        ...(message.from && /^[^\s<>@",;]+@[^\s<>@",;]+$/.test(message.from) ? { 'Reply-To': message.from } : {}),
      },
      attachments: [
        truncated
          ? { filename: 'kopregels.txt', contentType: 'text/plain', content: headerSection(raw) }
          : { filename: 'oorspronkelijk-bericht.eml', contentType: 'message/rfc822', content: raw },
      ],
    });
  }
}

function headerSection(raw: Buffer): Buffer {
  const end = raw.indexOf('\r\n\r\n');
  return raw.subarray(0, end >= 0 ? end : Math.min(raw.length, 64 * 1024));
}
