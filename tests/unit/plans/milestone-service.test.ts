import { beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../src/domain/clock.ts';
import {
  createMilestoneService,
  type MilestoneService,
} from '../../../src/domain/plans/milestone.service.ts';
import type { PlanOwner } from '../../../src/domain/plans/records.ts';
import { rejection } from './support/domain-error.ts';
import { type InMemoryPlans, inMemoryPlans } from './support/in-memory-plans.ts';

// Still 31 Dec 2026 in Los Angeles, already 1 Jan 2027 in UTC.
const NOW = new Date('2027-01-01T05:00:00Z');
const LA: PlanOwner = { teamId: 'T1', userId: 'UA', tz: 'America/Los_Angeles' };
const OTHER: PlanOwner = { teamId: 'T1', userId: 'UB', tz: 'UTC' };
const ELSEWHERE: PlanOwner = { teamId: 'T2', userId: 'UA', tz: 'America/Los_Angeles' };

describe('milestone service rules (in-memory repositories)', () => {
  let store: InMemoryPlans;
  let milestones: MilestoneService;

  beforeEach(() => {
    const clock = fixedClock(NOW);
    store = inMemoryPlans(clock);
    const { milestones: repository, uow } = store.repositories;
    milestones = createMilestoneService({ milestones: repository, uow, clock });
  });

  it('judges a due date in the member’s own calendar', async () => {
    const past = await rejection(
      milestones.add(LA, { kind: 'delivery', title: 'Old', dueDate: '2026-12-30' }),
    );
    expect(past).toMatchObject({ code: 'milestone_invalid', field: 'dueDate' });
    expect(
      await milestones.add(LA, { kind: 'delivery', title: 'Today', dueDate: '2026-12-31' }),
    ).toMatchObject({
      title: 'Today',
      status: 'planned',
    });
    // The same date is yesterday for a member in UTC.
    expect(
      (await rejection(milestones.add(OTHER, { kind: 'delivery', title: 'Old', dueDate: '2026-12-31' })))
        .field,
    ).toBe('dueDate');
    expect(store.state().milestones).toHaveLength(1);
  });

  it('lists only the member’s own milestones in this workspace, soonest first', async () => {
    await milestones.add(LA, { kind: 'mastery', title: 'Later', dueDate: '2027-06-01' });
    await milestones.add(LA, { kind: 'visibility', title: 'Sooner', dueDate: '2027-02-01' });
    await milestones.add(OTHER, { kind: 'delivery', title: 'Theirs', dueDate: '2027-03-01' });
    await milestones.add(ELSEWHERE, { kind: 'delivery', title: 'Other team', dueDate: '2027-03-01' });
    expect((await milestones.list(LA)).map((m) => m.title)).toEqual(['Sooner', 'Later']);
  });

  it('moves status along the life cycle and refuses other moves, changing nothing', async () => {
    const m = await milestones.add(LA, { kind: 'delivery', title: 'Ship', dueDate: '2027-03-01' });
    expect((await milestones.setStatus(LA, m.id, 'in_progress')).status).toBe('in_progress');
    expect((await milestones.setStatus(LA, m.id, 'done')).status).toBe('done');
    const refused = await rejection(milestones.setStatus(LA, m.id, 'dropped'));
    expect(refused.code).toBe('milestone_transition_invalid');
    expect((await rejection(milestones.setStatus(LA, m.id, 'done'))).message).toBe(
      'This milestone is already done.',
    );
    expect((await milestones.list(LA))[0]?.status).toBe('done');
    // Reopening a finished milestone is allowed, so a mis-click is never permanent.
    expect((await milestones.setStatus(LA, m.id, 'in_progress')).status).toBe('in_progress');
  });

  it('someone else’s milestone is "not found", whatever the move', async () => {
    const m = await milestones.add(LA, { kind: 'delivery', title: 'Mine', dueDate: '2027-03-01' });
    for (const owner of [OTHER, ELSEWHERE]) {
      expect((await rejection(milestones.setStatus(owner, m.id, 'done'))).code).toBe('plan_not_found');
    }
    for (const id of ['abc', '0', undefined, 42]) {
      expect((await rejection(milestones.setStatus(LA, id, 'done'))).code).toBe('plan_not_found');
    }
    expect((await milestones.list(LA))[0]?.status).toBe('planned');
  });
});
