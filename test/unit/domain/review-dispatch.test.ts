import type { ProjectRecord } from '../../../functions/modules/projects/project';
import { planReviewDispatch } from '../../../functions/modules/projects/review-dispatch';
import { partnerRecord } from '../../support/records';

const review = {
  number: 2,
  scheduledFrom: '2026-12-01T09:00:00.000Z',
  dueAt: '2027-02-28T23:00:00.000Z',
  requestedAt: '2027-03-01T07:00:00.000Z',
};
const project = { id: 'p1', name: 'Repair café', reviews: [review] } as unknown as ProjectRecord;
const promoter = partnerRecord('a', [
  { name: 'An', email: 'an@a.be' },
  { name: 'Bart', email: 'shared@example.be' },
]);
const engaged = [promoter, partnerRecord('b', []), partnerRecord('c', [{ name: 'Cas', email: 'SHARED@example.be' }])];
const plan = (step: 'request' | 'reminder1' | 'coordinator', promoterUnreachable?: { tellCoordinator: boolean }) =>
  planReviewDispatch({
    project,
    review,
    step,
    promoter,
    engaged,
    coordinator: { email: 'overleg@destek.local', name: 'Locon De Stek' },
    promoterUnreachable,
    now: new Date('2027-03-08T07:00:00Z'),
  });

describe('consolidation review dispatch', () => {
  it('asks the promoter (with the link) and puts the other engaged partners in copy, each address once', () => {
    const dispatch = plan('request');
    expect(dispatch.id).toBe('review.p1.2.request');
    expect(dispatch.recipients.map((r) => [r.email, r.data.role])).toEqual([
      ['an@a.be', 'promoter'],
      ['shared@example.be', 'promoter'],
      ['b@example.be', 'copy'],
    ]);
    expect(dispatch.payload).toMatchObject({
      projectName: 'Repair café',
      reviewNumber: 2,
      promoterName: 'Partner a',
      copyPartnerNames: ['Partner b', 'Partner c'],
    });
  });

  it('reminds the promoter only, and tells the coordinator alone, each step with its own id', () => {
    expect(plan('reminder1').recipients.map((r) => r.email)).toEqual(['an@a.be', 'shared@example.be']);
    const told = plan('coordinator');
    expect(told.id).toBe('review.p1.2.coordinator');
    expect(told.recipients.map((r) => [r.email, r.data.role])).toEqual([['overleg@destek.local', 'coordinator']]);
  });

  it('adds the coordinator to a step when the promoter cannot be mailed, once, and marks the final note', () => {
    const told = plan('reminder1', { tellCoordinator: true });
    expect(told.recipients.map((r) => [r.email, r.data.role])).toEqual([
      ['an@a.be', 'promoter'],
      ['shared@example.be', 'promoter'],
      ['overleg@destek.local', 'coordinator'],
    ]);
    expect(told.payload).toMatchObject({ promoterUnreachable: true });
    expect(plan('reminder1', { tellCoordinator: false }).recipients.map((r) => r.data.role)).toEqual(['promoter', 'promoter']);
    expect(plan('coordinator', { tellCoordinator: false }).payload).toMatchObject({ promoterUnreachable: true });
    expect(plan('request').payload).not.toHaveProperty('promoterUnreachable');
  });
});
