import type { Language } from '../../shared/i18n/language';
import { recipientKey } from '../../shared/recipient-key';
import type { OutboxDispatchOf, OutboxRecipient } from '../outbox/outbox';
import { invitationRecipients, type PartnerRecord } from '../partners/partner';
import type { ReviewStep } from './consolidation-review';
import type { ProjectRecord, ReviewRecord } from './project';

/**
 * What the outbox needs to send a consolidation-review email, decided when the review job takes
 * a step (pure). One dispatch per (project, review, step), with a deterministic id: the outbox
 * refuses a second one, so each request and reminder exists once however often the job runs.
 */
export const reviewDispatchKind = 'consolidation-review';

/**
 * promoter: the people of the promoter partner, with the link to answer; copy: the people of the
 * other engaged partners, for their information; coordinator: the organizer address.
 */
export type ReviewRecipientRole = 'promoter' | 'copy' | 'coordinator';

export interface ReviewRecipientData {
  role: ReviewRecipientRole;
  partnerId?: string;
  partnerName?: string;
  /** The person's language (promoter, copy); absent for the coordinator and on older dispatches: Dutch. */
  language?: Language;
}

export interface ReviewDispatchPayload {
  projectId: string;
  projectName: string;
  reviewNumber: number;
  step: ReviewStep;
  dueAt: string;
  requestedAt: string;
  promoterName: string;
  /** Names of the other engaged partners (in copy of the request). */
  copyPartnerNames: string[];
  /** For the coordinator: the meeting whose agenda now holds the review; absent while none is planned. */
  agendaMeeting?: { title: string; startsAt: string };
  /** None of the promoter's addresses takes mail (they are on the suppression list). */
  promoterUnreachable?: boolean;
}

export function reviewDispatchId(projectId: string, reviewNumber: number, step: ReviewStep): string {
  return `review.${projectId}.${reviewNumber}.${step}`;
}

export function planReviewDispatch(input: {
  project: ProjectRecord;
  review: ReviewRecord;
  step: ReviewStep;
  promoter: PartnerRecord;
  /** Every engaged partner that could be read (the promoter among them or not). */
  engaged: readonly PartnerRecord[];
  coordinator: { email: string; name: string };
  agendaMeeting?: { title: string; startsAt: string };
  /**
   * None of the promoter's addresses takes mail: the coordinator is told with the step (set only
   * the first time, so a review tells the coordinator once), and the final note says so.
   */
  promoterUnreachable?: { tellCoordinator: boolean };
  now: Date;
}): OutboxDispatchOf<typeof reviewDispatchKind> {
  const { project, review, step, promoter } = input;
  const recipients = new Map<string, OutboxRecipient<ReviewRecipientData>>();
  const add = (person: { email: string; name?: string; language?: Language }, data: ReviewRecipientData) => {
    const key = recipientKey(person.email);
    const language = person.language ? { language: person.language } : {};
    // A person who is both promoter and in copy gets the promoter's email, with the link.
    if (!recipients.has(key)) recipients.set(key, { key, email: person.email, name: person.name, data: { ...data, ...language } });
  };
  const copies = input.engaged.filter((partner) => partner.id !== promoter.id);
  if (step !== 'coordinator') {
    for (const person of invitationRecipients(promoter))
      add(person, { role: 'promoter', partnerId: promoter.id, partnerName: promoter.name });
    if (step === 'request') {
      for (const partner of copies) {
        for (const person of invitationRecipients(partner)) add(person, { role: 'copy', partnerId: partner.id, partnerName: partner.name });
      }
    }
  }
  if (step === 'coordinator' || input.promoterUnreachable?.tellCoordinator) add(input.coordinator, { role: 'coordinator' });
  const payload: ReviewDispatchPayload = {
    projectId: project.id,
    projectName: project.name,
    reviewNumber: review.number,
    step,
    dueAt: review.dueAt,
    requestedAt: review.requestedAt ?? input.now.toISOString(),
    promoterName: promoter.name,
    copyPartnerNames: copies.map((partner) => partner.name),
    ...(input.agendaMeeting ? { agendaMeeting: input.agendaMeeting } : {}),
    ...(input.promoterUnreachable ? { promoterUnreachable: true } : {}),
  };
  return {
    id: reviewDispatchId(project.id, review.number, step),
    kind: reviewDispatchKind,
    payload: { ...payload },
    recipients: [...recipients.values()],
    createdAt: input.now.toISOString(),
  };
}

declare module '../outbox/outbox' {
  interface OutboxKinds {
    'consolidation-review': { payload: ReviewDispatchPayload; recipientData: ReviewRecipientData };
  }
}
