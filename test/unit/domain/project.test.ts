import {
  checkReviewOpen,
  nextReviewStep,
  parseReviewId,
  reviewId,
  reviewStatus,
  validateReviewAnswer,
  withConfirmedReview,
  withReviewInterval,
  withReviewStep,
} from '../../../functions/modules/projects/consolidation-review';
import {
  checkStatusChange,
  openIntakeItems,
  reviewsOnProject,
  withStatus,
  type ProjectRecord,
  type ProjectStatus,
} from '../../../functions/modules/projects/project';
import { holdsEveryDecision, holdsEveryReview, mergeProjectLog } from '../../../functions/modules/projects/project-log';

const now = new Date('2026-12-01T09:00:00Z');

function project(overrides: Partial<ProjectRecord> = {}): ProjectRecord {
  return {
    id: 'p1',
    name: 'Repair café',
    status: 'PROPOSED',
    promoterPartnerId: 'partner-a',
    motivation: 'Spullen langer laten meegaan',
    engagements: {
      'partner-a': {
        projectId: 'p1',
        partnerId: 'partner-a',
        hoursPerMonth: 4,
        engagedAt: '2026-11-01T00:00:00Z',
        updatedAt: '2026-11-01T00:00:00Z',
      },
    },
    businessModel: { value: false, note: 'Nog niet', assessedAt: '2026-11-02T00:00:00Z' },
    communityGoals: { value: true, assessedAt: '2026-11-02T00:00:00Z' },
    reviewIntervalMonths: 3,
    reviews: [],
    decisions: [],
    version: 1,
    createdAt: '2026-11-01T00:00:00Z',
    updatedAt: '2026-11-01T00:00:00Z',
    ...overrides,
  };
}

const active = () => withStatus(project(), 'ACTIVE', now);

describe('project lifecycle', () => {
  it('lists the open intake items in the order the meeting goes through them', () => {
    const bare = project({
      promoterPartnerId: undefined,
      motivation: undefined,
      engagements: {},
      businessModel: undefined,
      communityGoals: undefined,
    });
    expect(openIntakeItems(bare)).toEqual([
      'PROMOTER',
      'MOTIVATION',
      'ENGAGEMENT',
      'BUSINESS_MODEL_ASSESSMENT',
      'COMMUNITY_GOALS_ASSESSMENT',
    ]);
    expect(openIntakeItems(project())).toEqual([]);
  });

  it('counts a "no" as an assessment: the checklist asks that the meeting assessed, not that it said yes', () => {
    expect(checkStatusChange(project(), 'ACTIVE')).toBeUndefined();
  });

  it('activates only a complete intake, naming what is still open', () => {
    const refusal = checkStatusChange(project({ engagements: {}, communityGoals: undefined }), 'ACTIVE');
    expect(refusal?.code).toBe('INTAKE_INCOMPLETE');
    expect(refusal?.message).toContain('minstens één engagement');
    expect(refusal?.message).toContain('gemeenschapsvorming');
    expect(refusal?.message).not.toContain('promotor');
  });

  it.each<[ProjectStatus, ProjectStatus, string | undefined]>([
    ['IDEA', 'PROPOSED', undefined],
    ['IDEA', 'ACTIVE', 'TRANSITION_NOT_ALLOWED'],
    ['PROPOSED', 'IDEA', undefined],
    ['PROPOSED', 'CONSOLIDATING', 'TRANSITION_NOT_ALLOWED'],
    ['ACTIVE', 'CONSOLIDATING', undefined],
    ['ACTIVE', 'PROPOSED', 'TRANSITION_NOT_ALLOWED'],
    ['CONSOLIDATING', 'ACTIVE', undefined],
    ['ACTIVE', 'STOPPED', undefined],
    ['ACTIVE', 'TRANSFERRED', 'CONFIRM_REVIEW_AT_MEETING'],
    ['CONSOLIDATING', 'SPUN_OFF', 'CONFIRM_REVIEW_AT_MEETING'],
    ['STOPPED', 'ACTIVE', 'PROJECT_CLOSED'],
    ['SPUN_OFF', 'STOPPED', 'PROJECT_CLOSED'],
    ['ACTIVE', 'ACTIVE', 'SAME_STATUS'],
  ])('%s → %s: %s', (from, to, code) => {
    expect(checkStatusChange(project({ status: from }), to)?.code).toBe(code);
  });

  it('names both statuses in plain Dutch when it refuses a transition', () => {
    expect(checkStatusChange(project({ status: 'IDEA' }), 'ACTIVE')?.message).toBe(
      'Een project met de status ‘idee’ kan niet naar ‘actief’.',
    );
    expect(checkStatusChange(project({ status: 'PROPOSED' }), 'CONSOLIDATING')?.message).toBe(
      'Een project met de status ‘voorgesteld’ kan niet naar ‘in consolidatie’.',
    );
    expect(checkStatusChange(project({ status: 'IDEA' }), 'IDEA')?.message).toBe('Het project heeft al de status ‘idee’.');
  });

  it('lets only a confirmed review transfer or spin off, and only from a review status', () => {
    expect(checkStatusChange(project({ status: 'ACTIVE' }), 'TRANSFERRED', true)).toBeUndefined();
    expect(checkStatusChange(project({ status: 'CONSOLIDATING' }), 'SPUN_OFF', true)).toBeUndefined();
    expect(checkStatusChange(project({ status: 'PROPOSED' }), 'SPUN_OFF', true)?.code).toBe('TRANSITION_NOT_ALLOWED');
  });

  it('schedules the first review on activation, due at the start of the Brussels day three months on', () => {
    const next = active();
    expect(next.reviews).toEqual([{ number: 1, scheduledFrom: '2026-12-01T09:00:00.000Z', dueAt: '2027-02-28T23:00:00.000Z' }]);
  });

  it('keeps the open review through CONSOLIDATING and cancels it when the project stops', () => {
    const consolidating = withStatus(active(), 'CONSOLIDATING', now);
    expect(consolidating.reviews).toHaveLength(1);
    const stopped = withStatus(consolidating, 'STOPPED', new Date('2027-01-05T10:00:00Z'));
    expect(reviewStatus(stopped.reviews[0])).toBe('CANCELLED');
    expect(nextReviewStep(stopped)).toBeUndefined();
  });

  it('moves a review not yet asked for when the interval changes, and leaves an asked one alone', () => {
    expect(withReviewInterval(active(), 6).reviews[0].dueAt).toBe('2027-05-31T22:00:00.000Z');
    const asked = withReviewStep(active(), 1, 'request', new Date('2027-03-01T07:00:00Z'));
    expect(withReviewInterval(asked, 6).reviews[0].dueAt).toBe(asked.reviews[0].dueAt);
  });
});

describe('consolidation review steps', () => {
  it('walks request → reminder 1 → reminder 2 → coordinator at 0, 7, 14 and 21 Brussels days', () => {
    let p = active();
    const steps: string[] = [];
    for (const at of ['2027-03-01T07:00:00Z', '2027-03-08T07:00:00Z', '2027-03-15T07:00:00Z', '2027-03-22T07:00:00Z']) {
      const due = nextReviewStep(p)!;
      expect(due.at.getTime()).toBeLessThanOrEqual(new Date(at).getTime());
      steps.push(`${due.step}@${due.at.toISOString()}`);
      p = withReviewStep(p, due.review.number, due.step, new Date(at));
    }
    // Request on 1 March 08:00 Brussels; the later steps fall due at the start of each Brussels day
    // (summer time begins on 28 March, after these).
    expect(steps).toEqual([
      'request@2027-02-28T23:00:00.000Z',
      'reminder1@2027-03-07T23:00:00.000Z',
      'reminder2@2027-03-14T23:00:00.000Z',
      'coordinator@2027-03-21T23:00:00.000Z',
    ]);
    expect(nextReviewStep(p)).toBeUndefined();
    expect(reviewStatus(p.reviews[0])).toBe('COORDINATOR_TOLD');
  });

  it('stops the steps once the review is answered', () => {
    const asked = withReviewStep(active(), 1, 'request', new Date('2027-03-01T07:00:00Z'));
    expect(nextReviewStep(asked)?.step).toBe('reminder1');
    const answered = {
      ...asked,
      reviews: [{ ...asked.reviews[0], answeredAt: '2027-03-02T10:00:00Z', answer: { outcome: 'CONTINUE' as const } }],
    };
    expect(nextReviewStep(answered)).toBeUndefined();
    expect(reviewStatus(answered.reviews[0])).toBe('ANSWERED');
  });

  it('counts reminders from the request actually sent, so a late run does not send a burst', () => {
    const late = withReviewStep(active(), 1, 'request', new Date('2027-04-20T07:00:00Z'));
    expect(nextReviewStep(late)).toMatchObject({ step: 'reminder1', at: new Date('2027-04-26T22:00:00.000Z') });
  });

  it('requires the third party for a transfer and the name for a spin-off, keeping only what the outcome uses', () => {
    expect(validateReviewAnswer({ outcome: 'TRANSFER_TO_THIRD_PARTY', thirdParty: ' ' }).errors.map((e) => e.code)).toEqual([
      'THIRD_PARTY_REQUIRED',
    ]);
    expect(validateReviewAnswer({ outcome: 'SPIN_OFF_ENTITY' }).errors.map((e) => e.code)).toEqual(['SPIN_OFF_NAME_REQUIRED']);
    expect(validateReviewAnswer({ outcome: 'STOP', note: ' Geen energie meer ', thirdParty: 'Stad Gent' }).answer).toEqual({
      outcome: 'STOP',
      note: 'Geen energie meer',
    });
  });

  it('confirms CONTINUE by scheduling the next review from the confirmation', () => {
    const { project: confirmed, decision } = withConfirmedReview(
      active(),
      { number: 1, decision: { outcome: 'CONTINUE' }, meetingId: 'm1', decisionId: 'd1' },
      new Date('2027-03-18T20:00:00Z'),
    );
    expect(confirmed.status).toBe('ACTIVE');
    expect(confirmed.reviews.map(reviewStatus)).toEqual(['CONFIRMED', 'SCHEDULED']);
    expect(confirmed.reviews[1].dueAt).toBe('2027-06-17T22:00:00.000Z');
    // The decision is returned to be written as an item of its own; the project counts it.
    expect(decision).toEqual({
      id: 'd1',
      meetingId: 'm1',
      text: 'Consolidatiebespreking bevestigd: verder zoals nu.',
      recordedAt: '2027-03-18T20:00:00.000Z',
      reviewNumber: 1,
    });
    expect(confirmed.decisions).toEqual([]);
    expect(confirmed.decisionCount).toBe(1);
  });

  it('confirms a transfer and a spin-off by closing the project with what took it over', () => {
    const transferred = withConfirmedReview(
      active(),
      { number: 1, decision: { outcome: 'TRANSFER_TO_THIRD_PARTY', thirdParty: 'Stad Gent' }, meetingId: 'm1', decisionId: 'd1' },
      now,
    );
    expect(transferred.project).toMatchObject({ status: 'TRANSFERRED', transferredTo: 'Stad Gent' });
    expect(transferred.decision.text).toBe('Consolidatiebespreking bevestigd: overdragen aan een derde partij (Stad Gent).');
    const { project: spunOff } = withConfirmedReview(
      active(),
      {
        number: 1,
        decision: { outcome: 'SPIN_OFF_ENTITY', spinOffName: 'Repair Gent cv' },
        meetingId: 'm1',
        decisionId: 'd1',
        spinOffPartnerId: 'new',
      },
      now,
    );
    expect(spunOff).toMatchObject({ status: 'SPUN_OFF', spinOffPartnerId: 'new' });
    expect(spunOff.reviews.map(reviewStatus)).toEqual(['CONFIRMED']);
    expect(checkReviewOpen(spunOff, 1, ['input', 'reviewId']).error?.code).toBe('REVIEW_CONFIRMED');
  });

  it('makes review ids from the project id and number, and refuses what is not one', () => {
    expect(parseReviewId(reviewId('8c6e-4f1a', 12))).toEqual({ projectId: '8c6e-4f1a', number: 12 });
    expect(parseReviewId('no-number')).toBeUndefined();
    expect(parseReviewId(':3')).toBeUndefined();
    expect(parseReviewId('p1:0')).toBeUndefined();
  });
});

describe('the project log kept beside the project (issue 11)', () => {
  /** A project confirmed `count` times: the item as stored keeps only the latest reviews. */
  function reviewedTimes(count: number): ProjectRecord {
    let next = active();
    for (let number = 1; number <= count; number += 1) {
      next = withConfirmedReview(
        next,
        { number, decision: { outcome: 'CONTINUE' }, meetingId: 'm1', decisionId: `d${number}` },
        now,
      ).project;
    }
    return next;
  }

  it('numbers the next review after the last one the item keeps, not after how many it keeps', () => {
    const stored = reviewedTimes(7);
    const item = { ...stored, reviews: stored.reviews.slice(-reviewsOnProject) };
    expect(item.reviews.map((review) => review.number)).toEqual([4, 5, 6, 7, 8]);
    const confirmed = withConfirmedReview(item, { number: 8, decision: { outcome: 'CONTINUE' }, meetingId: 'm2', decisionId: 'd8' }, now);
    expect(confirmed.project.reviews.at(-1)!.number).toBe(9);
    expect(confirmed.project.decisionCount).toBe(8);
  });

  it('says a review older than those on the item is closed, and one beyond the last does not exist', () => {
    const stored = reviewedTimes(7);
    const item = { ...stored, reviews: stored.reviews.slice(-reviewsOnProject) };
    expect(checkReviewOpen(item, 2, ['input', 'reviewId']).error?.code).toBe('REVIEW_CLOSED');
    expect(checkReviewOpen(item, 12, ['input', 'reviewId']).error?.code).toBe('NOT_FOUND');
    expect(checkReviewOpen(item, 8, ['input', 'reviewId']).review?.number).toBe(8);
  });

  it('merges review and decision items with the lists an older item holds inline, oldest first', () => {
    const review = (number: number, note: string) => ({ number, scheduledFrom: '2026-01-01T00:00:00Z', dueAt: note });
    const decision = (id: string, recordedAt: string) => ({ id, meetingId: 'm1', text: id, recordedAt });
    const item = project({
      reviews: [review(3, 'on the item'), review(4, 'on the item')],
      decisions: [decision('inline-1', '2026-01-01T00:00:00Z'), decision('inline-2', '2026-02-01T00:00:00Z')],
      decisionCount: 2,
    });
    const log = mergeProjectLog(
      item,
      [review(1, 'item'), review(2, 'item'), review(3, 'item')],
      [decision('own-1', '2026-02-01T00:00:00Z'), decision('own-2', '2026-03-01T00:00:00Z')],
    );
    expect(log.reviews.map((r) => [r.number, r.dueAt])).toEqual([
      [1, 'item'],
      [2, 'item'],
      [3, 'on the item'],
      [4, 'on the item'],
    ]);
    expect(log.decisions.map((d) => d.id)).toEqual(['inline-1', 'inline-2', 'own-1', 'own-2']);
    expect(holdsEveryReview(item)).toBe(false);
    expect(holdsEveryDecision(item)).toBe(false);
    expect(holdsEveryReview(project({ reviews: [review(1, 'x')] }))).toBe(true);
    expect(holdsEveryDecision(project({ decisions: [decision('inline-1', '2026-01-01T00:00:00Z')] }))).toBe(true);
  });
});
