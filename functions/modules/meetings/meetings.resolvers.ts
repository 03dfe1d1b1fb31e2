import type { Resolvers } from '../../graphql/generated/resolvers-types';
import { toConnection, withUserErrors } from '../../graphql/payload';
import { selectsField } from '../../graphql/selection';
import { BadRequestError } from '../../shared/errors';
import { pageSize } from '../../shared/dynamodb/cursor';
import { agendaItemKind, invitationList, invitationView, topicsCloseAt } from './meeting';
import { attendanceRate } from './meeting-minutes';

export const meetingsResolvers: Resolvers = {
  Query: {
    meetings: async (_parent, args, { viewer, services }) => {
      const from = args.from ?? undefined;
      const to = args.to ?? undefined;
      if (from && to && to.getTime() <= from.getTime()) throw new BadRequestError('to moet na from liggen.');
      return toConnection(await services.meetings.list(viewer, { from, to }, pageSize(args.first), args.after ?? undefined));
    },
    meeting: async (_parent, args, { viewer, services }) => (await services.meetings.get(viewer, args.id)) ?? null,
    standingThemes: (_parent, _args, { viewer, services }) => services.meetings.standingThemes(viewer),
  },
  Mutation: {
    scheduleMeeting: (_parent, { input }, { viewer, services }) =>
      withUserErrors('meeting', () => services.meetings.schedule(viewer, input)),
    rescheduleMeeting: (_parent, { input }, { viewer, services }) =>
      withUserErrors('meeting', () => services.meetings.reschedule(viewer, input)),
    cancelMeeting: (_parent, { input }, { viewer, services }) => withUserErrors('meeting', () => services.meetings.cancel(viewer, input)),
    respondToMeeting: (_parent, { input }, { viewer, services }) =>
      withUserErrors('meeting', () => services.meetings.respond(viewer, input)),
    changeMeetingInvitees: (_parent, { input }, { viewer, services }) =>
      withUserErrors('meeting', () => services.meetings.changeInvitees(viewer, input)),
    addAgendaItem: (_parent, { input }, { viewer, services }) =>
      withUserErrors('meeting', () => services.meetings.addAgendaItem(viewer, input)),
    proposeTopic: (_parent, { input }, { viewer, services }) =>
      withUserErrors('meeting', () => services.meetings.proposeTopic(viewer, input)),
    updateAgendaItem: (_parent, { input }, { viewer, services }) =>
      withUserErrors('meeting', () => services.meetings.updateAgendaItem(viewer, input)),
    removeAgendaItem: (_parent, { input }, { viewer, services }) =>
      withUserErrors('meeting', () => services.meetings.removeAgendaItem(viewer, input)),
    reorderAgenda: (_parent, { input }, { viewer, services }) =>
      withUserErrors('meeting', () => services.meetings.reorderAgenda(viewer, input)),
    setTopicsCloseAt: (_parent, { input }, { viewer, services }) =>
      withUserErrors('meeting', () => services.meetings.setTopicsCloseAt(viewer, input)),
    recordMeetingOutcome: (_parent, { input }, { viewer, services }) =>
      withUserErrors('meeting', () => services.meetings.recordOutcome(viewer, input)),
    setStandingThemes: (_parent, { themes }, { viewer, services }) =>
      withUserErrors('themes', () => services.meetings.setStandingThemes(viewer, themes)),
  },
  Meeting: {
    // Asked with their partners: the list loads them at once (in the same batch as the other
    // meetings' lists), so each Invitation.partner answers without a promise of its own.
    invitations: async (meeting, _args, { loaders }, info) => {
      const invitations = invitationList(meeting);
      if (!selectsField(info, 'partner')) return invitations;
      const partners = await loaders.partner.loadMany(invitations.map((invitation) => invitation.partnerId));
      return invitations.map((invitation, i) => {
        const partner = partners[i];
        return partner && !(partner instanceof Error) ? invitationView(invitation, partner) : invitation;
      });
    },
    agenda: (meeting) => meeting.agenda,
    attendance: async (meeting, _args, { loaders }) =>
      (await loaders.partner.loadMany(meeting.attendance)).filter(
        (p): p is Exclude<typeof p, Error | undefined> => !!p && !(p instanceof Error),
      ),
    topicsCloseAt: (meeting) => topicsCloseAt(meeting),
    guests: (meeting) => meeting.guests ?? [],
    projectDecisions: (meeting) => meeting.projectDecisions ?? [],
    minutes: (meeting) => meeting.minutes ?? null,
    cancelReason: (meeting) => meeting.cancelReason ?? null,
    previousMeeting: async (meeting, _args, { loaders }) =>
      meeting.previousMeetingId ? ((await loaders.meeting.load(meeting.previousMeetingId)) ?? null) : null,
    nextMeeting: async (meeting, _args, { loaders }) =>
      meeting.nextMeetingId ? ((await loaders.meeting.load(meeting.nextMeetingId)) ?? null) : null,
  },
  AgendaItem: {
    kind: (item) => agendaItemKind(item),
    description: (item) => item.description ?? null,
    durationMinutes: (item) => item.durationMinutes ?? null,
    projectId: (item) => item.projectId ?? null,
    decision: (item) => item.decision ?? null,
    proposedBy: async (item, _args, { loaders }) => (item.proposedBy ? ((await loaders.partner.load(item.proposedBy)) ?? null) : null),
  },
  MeetingProjectDecision: {
    agendaItemId: (decision) => decision.agendaItemId ?? null,
  },
  Partner: {
    // Coordinators only: the read policy answers null to others before this runs.
    attendance: (partner, _args, { loaders }) => loaders.attendance.load(partner.id),
  },
  PartnerAttendance: {
    rate: (summary) => attendanceRate(summary),
    lastAttendedAt: (summary) => summary.lastAttendedAt ?? null,
    lastAttendedMeeting: async (summary, _args, { loaders }) =>
      summary.lastAttendedMeetingId ? ((await loaders.meeting.load(summary.lastAttendedMeetingId)) ?? null) : null,
  },
  Invitation: {
    partner: (invitation, _args, { loaders }) =>
      invitation.partner ??
      loaders.partner.load(invitation.partnerId).then((partner) => {
        if (!partner) throw new Error(`invited partner ${invitation.partnerId} is missing`);
        return partner;
      }),
    respondedAt: (invitation) => invitation.respondedAt ?? null,
  },
};
