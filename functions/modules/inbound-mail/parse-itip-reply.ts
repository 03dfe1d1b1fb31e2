import ICAL from 'ical.js';
import { simpleParser, type Attachment, type HeaderValue, type ParsedMail } from 'mailparser';

/**
 * Reads one received email (raw MIME, as SES stores it in S3 or the local inbound SMTP server
 * receives it) and says what it is: an iTIP REPLY (RFC 5546 over RFC 6047) that may be recorded,
 * a COUNTER, or anything else. Pure: no I/O, no database; matching the reply to a meeting and a
 * partner is the inbound service's job.
 */

export type Partstat = 'ACCEPTED' | 'DECLINED' | 'TENTATIVE';

export interface ItipAttendee {
  /** Lower case, without `mailto:` (in whatever case it was written). */
  email: string;
  partstat: string;
}

export interface ItipMessage {
  method: string;
  uid: string;
  /** Absent when the client left SEQUENCE out (RFC 5545: then it is 0). */
  sequence?: number;
  /** DTSTAMP: when the client made the reply. */
  stamp?: Date;
  attendees: ItipAttendee[];
  comment?: string;
  /** What a COUNTER proposes, as written (times as instants where they could be read). */
  proposed?: { start?: Date; end?: Date; location?: string };
}

/** The verdicts SES adds to a message it receives (absent locally, and where SES gave none). */
export interface SesVerdicts {
  spf?: string;
  dkim?: string;
  spam?: string;
  virus?: string;
}

export interface InboundMessage {
  /** The From address, lower case; undefined when missing or when From names more than one. */
  from?: string;
  subject: string;
  messageId?: string;
  /** An automatic message (out-of-office, list, bounce): it is never answered. */
  automatic: boolean;
  /** A message this system forwarded itself (it must not go round again). */
  forwardedByUs: boolean;
  verdicts: SesVerdicts;
  itip?: ItipMessage;
  /** Why no calendar message could be read, when a calendar part was there. */
  calendarProblem?: string;
  size: number;
}

export type InboundClass =
  | { kind: 'reply'; itip: ItipMessage; attendee: ItipAttendee & { partstat: Partstat } }
  | { kind: 'counter'; itip: ItipMessage }
  | { kind: 'forward'; reason: ForwardReason }
  | { kind: 'drop'; reason: 'virus' | 'forwarded-by-us' };

export type ForwardReason =
  | 'no-calendar'
  | 'unreadable-calendar'
  | 'not-a-reply'
  | 'no-single-attendee'
  | 'unknown-partstat'
  | 'no-sender'
  | 'sender-not-attendee'
  | 'authentication-failed'
  | 'too-large';

/** Header this system puts on what it forwards, so a forward that comes back is recognised. */
export const forwardedMarkerHeader = 'X-DeStek-Inbound';
export const forwardedMarkerValue = 'forwarded';

/** A calendar reply is a few kilobytes; above this the message is only forwarded, not parsed whole. */
export const maxParsedBytes = 2 * 1024 * 1024;

const parserOptions = { skipHtmlToText: true, skipTextToHtml: true, skipTextLinks: true, skipImageLinks: true } as const;

export async function parseInboundMessage(raw: Buffer): Promise<InboundMessage> {
  const tooLarge = raw.length > maxParsedBytes;
  // Of a large message only the header is read: what it carries is forwarded, not interpreted.
  const mail = await simpleParser(tooLarge ? headerSection(raw) : raw, parserOptions);
  const calendar = tooLarge ? { problem: undefined, itip: undefined } : readCalendar(mail);
  const fromList = mail.from?.value.filter((a) => a.address) ?? [];
  return {
    from: fromList.length === 1 ? fromList[0].address!.trim().toLowerCase() : undefined,
    subject: mail.subject ?? '',
    messageId: mail.messageId,
    automatic: isAutomatic(mail),
    forwardedByUs: headerText(mail, forwardedMarkerHeader.toLowerCase()).toLowerCase() === forwardedMarkerValue,
    verdicts: sesVerdicts(mail),
    ...(calendar.itip ? { itip: calendar.itip } : {}),
    ...(calendar.problem ? { calendarProblem: calendar.problem } : {}),
    size: raw.length,
  };
}

/** What the message is, from the message alone (the service then matches it to a meeting). */
export function classifyInbound(message: InboundMessage): InboundClass {
  if (message.verdicts.virus === 'FAIL') return { kind: 'drop', reason: 'virus' };
  if (message.forwardedByUs) return { kind: 'drop', reason: 'forwarded-by-us' };
  if (message.size > maxParsedBytes) return { kind: 'forward', reason: 'too-large' };
  const itip = message.itip;
  if (!itip) return { kind: 'forward', reason: message.calendarProblem ? 'unreadable-calendar' : 'no-calendar' };
  if (itip.method === 'COUNTER') return { kind: 'counter', itip };
  if (itip.method !== 'REPLY') return { kind: 'forward', reason: 'not-a-reply' };
  // RFC 5546 §3.2.3: a REPLY names the one attendee who answers.
  if (itip.attendees.length !== 1) return { kind: 'forward', reason: 'no-single-attendee' };
  const attendee = itip.attendees[0];
  if (!isPartstat(attendee.partstat)) return { kind: 'forward', reason: 'unknown-partstat' };
  if (!message.from) return { kind: 'forward', reason: 'no-sender' };
  if (message.from !== attendee.email) return { kind: 'forward', reason: 'sender-not-attendee' };
  if (message.verdicts.spf === 'FAIL' || message.verdicts.dkim === 'FAIL') return { kind: 'forward', reason: 'authentication-failed' };
  return { kind: 'reply', itip, attendee: { ...attendee, partstat: attendee.partstat } };
}

function isPartstat(value: string): value is Partstat {
  return value === 'ACCEPTED' || value === 'DECLINED' || value === 'TENTATIVE';
}

/** An address as calendars write it (`mailto:`, `MAILTO:` or none), lower case. */
export function calendarAddress(value: string): string {
  return value
    .trim()
    .replace(/^mailto:/i, '')
    .trim()
    .toLowerCase();
}

function headerSection(raw: Buffer): Buffer {
  const end = raw.indexOf('\r\n\r\n');
  const endLf = raw.indexOf('\n\n');
  const cut = [end, endLf].filter((i) => i >= 0).sort((a, b) => a - b)[0];
  return Buffer.concat([raw.subarray(0, cut ?? Math.min(raw.length, 64 * 1024)), Buffer.from('\r\n\r\n')]);
}

function headerText(mail: ParsedMail, name: string): string {
  const value: HeaderValue | undefined = mail.headers.get(name);
  if (value === undefined) return '';
  if (typeof value === 'string') return value.trim();
  if (Array.isArray(value)) return String(value[0] ?? '').trim();
  if (typeof value === 'object' && 'value' in value) return String((value as { value: unknown }).value).trim();
  return String(value).trim();
}

/** RFC 3834 Auto-Submitted, and the older conventions out-of-office tools still use. */
function isAutomatic(mail: ParsedMail): boolean {
  const autoSubmitted = headerText(mail, 'auto-submitted').toLowerCase();
  if (autoSubmitted && autoSubmitted !== 'no') return true;
  if (/^(bulk|junk|list|auto_reply)$/i.test(headerText(mail, 'precedence'))) return true;
  if (['x-autoreply', 'x-autorespond', 'x-autoresponse'].some((name) => mail.headers.has(name))) return true;
  return !!mail.headers.get('list-id') || !!mail.headers.get('return-path')?.toString().match(/<>/);
}

/**
 * SES puts its verdicts on top of what it stores: the first Authentication-Results by
 * amazonses.com and the first X-SES-*-Verdict lines are its own; any further down came with the
 * message and prove nothing.
 */
function sesVerdicts(mail: ParsedMail): SesVerdicts {
  const verdicts: SesVerdicts = {};
  const firstLine = (key: string) => mail.headerLines.find((line) => line.key === key)?.line;
  const valueOf = (line: string | undefined) => line?.slice(line.indexOf(':') + 1).trim();
  const results = valueOf(firstLine('authentication-results'));
  if (results && /^amazonses\.com\s*;/i.test(results)) {
    const spf = /\bspf=(\w+)/i.exec(results)?.[1];
    const dkim = /\bdkim=(\w+)/i.exec(results)?.[1];
    if (spf) verdicts.spf = spf.toUpperCase();
    if (dkim) verdicts.dkim = dkim.toUpperCase();
  }
  const spam = valueOf(firstLine('x-ses-spam-verdict'));
  const virus = valueOf(firstLine('x-ses-virus-verdict'));
  if (spam) verdicts.spam = spam.toUpperCase();
  if (virus) verdicts.virus = virus.toUpperCase();
  return verdicts;
}

/**
 * The calendar message: the `text/calendar` part (Gmail, Outlook, Apple, Thunderbird), else an
 * `.ics` attachment (application/ics, text/calendar under another name). The first that reads as
 * a calendar with a METHOD and one event wins; Gmail sends the same reply inline and as invite.ics.
 */
function readCalendar(mail: ParsedMail): { itip?: ItipMessage; problem?: string } {
  const candidates = mail.attachments.filter(isCalendarPart);
  candidates.sort((a, b) => rank(a) - rank(b));
  let problem: string | undefined;
  for (const part of candidates) {
    try {
      return { itip: readItip(decode(part)) };
    } catch (error) {
      problem = (error as Error).message;
    }
  }
  return { problem };
}

function isCalendarPart(part: Attachment): boolean {
  const type = part.contentType.toLowerCase();
  if (type === 'text/calendar' || type === 'application/ics') return true;
  return /\.ics$/i.test(part.filename ?? '') && (type === 'application/octet-stream' || type.startsWith('text/'));
}

const rank = (part: Attachment) => (part.contentType.toLowerCase() === 'text/calendar' ? 0 : 1);

function decode(part: Attachment): string {
  const contentType = part.headers.get('content-type') as { params?: Record<string, string> } | undefined;
  const charset = contentType?.params?.charset?.trim().toLowerCase() || 'utf-8';
  try {
    return new TextDecoder(charset).decode(part.content);
  } catch {
    return new TextDecoder('utf-8').decode(part.content);
  }
}

type Component = InstanceType<typeof ICAL.Component>;

function readItip(text: string): ItipMessage {
  const root = new ICAL.Component(ICAL.parse(text));
  if (root.name !== 'vcalendar') throw new Error('not a VCALENDAR');
  const method = String(root.getFirstPropertyValue('method') ?? '')
    .trim()
    .toUpperCase();
  if (!method) throw new Error('no METHOD');
  const event = root.getFirstSubcomponent('vevent');
  if (!event) throw new Error('no VEVENT');
  const uid = String(event.getFirstPropertyValue('uid') ?? '').trim();
  if (!uid) throw new Error('no UID');
  const sequenceValue = event.getFirstPropertyValue('sequence');
  const sequence = sequenceValue === null || sequenceValue === undefined ? undefined : Number(sequenceValue);
  const attendees = event.getAllProperties('attendee').map((property) => ({
    email: calendarAddress(String(property.getFirstValue() ?? '')),
    partstat: String(property.getParameter('partstat') ?? 'NEEDS-ACTION').toUpperCase(),
  }));
  const comment = event.getFirstPropertyValue('comment');
  const itip: ItipMessage = {
    method,
    uid,
    ...(sequence !== undefined && Number.isInteger(sequence) && sequence >= 0 ? { sequence } : {}),
    ...optionalTime(event, 'dtstamp', 'stamp'),
    attendees,
    ...(comment ? { comment: String(comment) } : {}),
  };
  if (method === 'COUNTER') {
    const location = event.getFirstPropertyValue('location');
    itip.proposed = {
      ...withZones(root, () => ({ ...optionalTime(event, 'dtstart', 'start'), ...optionalTime(event, 'dtend', 'end') })),
      ...(location ? { location: String(location) } : {}),
    };
  }
  return itip;
}

/** A time property as an instant; left out when absent, floating in an unknown zone, or unreadable. */
function optionalTime<K extends string>(event: Component, name: string, key: K): Partial<Record<K, Date>> {
  try {
    const value = event.getFirstPropertyValue(name) as InstanceType<typeof ICAL.Time> | null;
    if (!value || typeof value.toJSDate !== 'function') return {};
    const date = value.toJSDate();
    return Number.isNaN(date.getTime()) ? {} : ({ [key]: date } as Record<K, Date>);
  } catch {
    return {};
  }
}

/** Reads times with the message's own VTIMEZONEs registered, and removes them again. */
function withZones<T>(root: Component, read: () => T): T {
  const zones = root.getAllSubcomponents('vtimezone');
  const registered: string[] = [];
  for (const zone of zones) {
    const tzid = String(zone.getFirstPropertyValue('tzid') ?? '');
    if (tzid && !ICAL.TimezoneService.has(tzid)) {
      ICAL.TimezoneService.register(zone);
      registered.push(tzid);
    }
  }
  try {
    return read();
  } finally {
    for (const tzid of registered) ICAL.TimezoneService.remove(tzid);
  }
}
