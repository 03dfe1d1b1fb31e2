import type { UserErrorEntry } from '../../shared/errors';
import { checkText } from '../../shared/validation';
import { agendaItemKind, meetingCaps, type AgendaItemRecord, type MeetingProjectDecisionRecord, type MeetingRecord } from './meeting';

/**
 * The minutes of a meeting as far as they are more than text: what was decided per agenda item and
 * per project, and how often each partner came (pure; no I/O here).
 */
export interface OutcomeDecisionsInput {
  decisions?: { agendaItemId: string; decision: string }[] | null;
  projectDecisions?: { projectId: string; decision: string }[] | null;
}

/**
 * A meeting's outcome records at most this many project decisions: each is an item of its own and
 * counts on its project's item, up to two writes each in the outcome's transaction (of 100).
 */
export const maxProjectDecisions = 30;

export function checkDecisionTexts(input: OutcomeDecisionsInput): UserErrorEntry[] {
  const errors: UserErrorEntry[] = [];
  (input.decisions ?? []).forEach((entry, index) => {
    const error = checkText(entry.decision, ['input', 'decisions', String(index), 'decision'], 'Een beslissing', meetingCaps.decision);
    if (error) errors.push(error);
  });
  (input.projectDecisions ?? []).forEach((entry, index) => {
    const error = checkText(
      entry.decision,
      ['input', 'projectDecisions', String(index), 'decision'],
      'Een beslissing',
      meetingCaps.decision,
    );
    if (error) errors.push(error);
  });
  return errors;
}

/**
 * The outcome's text as the meeting item stores it: the minutes, each agenda decision and each
 * project decision (a decision on a PROJECT item counts twice, as it is stored twice). Beyond
 * `meetingCaps.outcome` characters the outcome is refused, so the item stays below 400 KB.
 */
export function checkOutcomeLength(
  minutes: string | undefined,
  agenda: readonly AgendaItemRecord[],
  projectDecisions: readonly MeetingProjectDecisionRecord[],
): UserErrorEntry | undefined {
  const length =
    (minutes?.length ?? 0) +
    agenda.reduce((sum, item) => sum + (item.decision?.length ?? 0), 0) +
    projectDecisions.reduce((sum, decision) => sum + decision.text.length, 0);
  if (length <= meetingCaps.outcome) return undefined;
  return {
    field: ['input'],
    code: 'OUTCOME_TOO_LONG',
    message: `Het verslag en de beslissingen samen mogen hoogstens ${meetingCaps.outcome.toLocaleString('nl-BE')} tekens lang zijn (nu ${length.toLocaleString('nl-BE')}).`,
  };
}

/**
 * The agenda and project decisions after an outcome. A list given replaces what was recorded
 * before (an item left out of `decisions` loses its decision); a list left out keeps it. A decision
 * on a PROJECT item is a decision about its project too.
 */
export function withOutcomeDecisions(
  meeting: MeetingRecord,
  input: OutcomeDecisionsInput,
): { agenda: AgendaItemRecord[]; projectDecisions: MeetingProjectDecisionRecord[]; errors: UserErrorEntry[] } {
  const errors: UserErrorEntry[] = [];
  let agenda = meeting.agenda;
  if (input.decisions != null) {
    const byItem = new Map<string, string>();
    input.decisions.forEach((entry, index) => {
      if (!meeting.agenda.some((item) => item.id === entry.agendaItemId)) {
        errors.push({
          field: ['input', 'decisions', String(index), 'agendaItemId'],
          code: 'UNKNOWN_AGENDA_ITEM',
          message: 'Dit agendapunt staat niet op de agenda.',
        });
      } else {
        byItem.set(entry.agendaItemId, entry.decision.trim());
      }
    });
    agenda = meeting.agenda.map((item) => {
      const { decision: _old, ...rest } = item;
      const decision = byItem.get(item.id);
      return decision ? { ...rest, decision } : rest;
    });
  }
  const fromItems: MeetingProjectDecisionRecord[] = agenda
    .filter((item) => item.decision && item.projectId && agendaItemKind(item) === 'PROJECT')
    .map((item) => ({ projectId: item.projectId!, text: item.decision!, agendaItemId: item.id }));
  const explicit: MeetingProjectDecisionRecord[] =
    input.projectDecisions != null
      ? input.projectDecisions.map((entry) => ({ projectId: entry.projectId, text: entry.decision.trim() }))
      : (meeting.projectDecisions ?? []).filter((decision) => !decision.agendaItemId);
  const projectDecisions = dedupe([...fromItems, ...explicit]);
  if (projectDecisions.length > maxProjectDecisions) {
    errors.push({
      field: ['input', 'projectDecisions'],
      code: 'TOO_MANY_DECISIONS',
      message: `Een vergadering legt hoogstens ${maxProjectDecisions} beslissingen over projecten vast.`,
    });
  }
  return { agenda, projectDecisions, errors };
}

/** The same text about the same project once. */
function dedupe(decisions: MeetingProjectDecisionRecord[]): MeetingProjectDecisionRecord[] {
  const seen = new Set<string>();
  return decisions.filter((decision) => {
    const key = `${decision.projectId}\n${decision.text}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * The project decisions of `after` that `before` did not hold yet (same project, same text): a
 * corrected outcome logs only what is new, so recording the outcome again never logs a decision twice.
 */
export function newProjectDecisions(
  before: readonly MeetingProjectDecisionRecord[] | undefined,
  after: readonly MeetingProjectDecisionRecord[],
): MeetingProjectDecisionRecord[] {
  const logged = new Set((before ?? []).map((decision) => `${decision.projectId}\n${decision.text}`));
  return after.filter((decision) => !logged.has(`${decision.projectId}\n${decision.text}`));
}

/** How often one partner came to the held meetings it was invited to. */
export interface AttendanceSummary {
  meetingsInvited: number;
  meetingsAttended: number;
  lastAttendedAt?: string;
  lastAttendedMeetingId?: string;
}

/**
 * Attendance per partner over the given meetings: only HELD ones count. A partner recorded as
 * present without an invitation (before invitations were checked) counts as invited too, so the
 * rate never exceeds 1.
 */
export function attendanceSummaries(meetings: readonly MeetingRecord[], partnerIds: readonly string[]): Map<string, AttendanceSummary> {
  const summaries = new Map(partnerIds.map((id) => [id, { meetingsInvited: 0, meetingsAttended: 0 } as AttendanceSummary]));
  for (const meeting of meetings) {
    if (meeting.status !== 'HELD') continue;
    const present = new Set(meeting.attendance);
    for (const [partnerId, summary] of summaries) {
      const attended = present.has(partnerId);
      if (!attended && !meeting.invitations[partnerId]) continue;
      summary.meetingsInvited += 1;
      if (!attended) continue;
      summary.meetingsAttended += 1;
      if (!summary.lastAttendedAt || meeting.startsAt > summary.lastAttendedAt) {
        summary.lastAttendedAt = meeting.startsAt;
        summary.lastAttendedMeetingId = meeting.id;
      }
    }
  }
  return summaries;
}

export function attendanceRate(summary: AttendanceSummary): number | null {
  return summary.meetingsInvited === 0 ? null : summary.meetingsAttended / summary.meetingsInvited;
}
