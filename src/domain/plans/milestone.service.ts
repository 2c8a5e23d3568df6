import { DateTime } from 'luxon';
import type { UnitOfWork } from '../../db/unit-of-work.ts';
import type { Clock } from '../clock.ts';
import {
  type Milestone,
  type MilestoneStatus,
  type NewMilestoneInput,
  transitionMilestone,
  validateNewMilestone,
} from './milestones.ts';
import type { MilestoneStore, PlanWrites } from './plan-ports.ts';
import { notFound, type PlanOwner, parseRecordId } from './records.ts';

/** The member's calendar date (`YYYY-MM-DD`) at `now` in their zone. */
export function localToday(now: Date, tz: string): string {
  const local = DateTime.fromJSDate(now, { zone: tz });
  return (local.isValid ? local : DateTime.fromJSDate(now, { zone: 'utc' })).toISODate() ?? '';
}

/** 12-month milestones: add (validated against the member's local today), list, move status. */
export function createMilestoneService(deps: {
  milestones: Pick<MilestoneStore, 'create' | 'list'>;
  /** A status change reads the milestone locked and writes it in one transaction. */
  uow: UnitOfWork<Pick<PlanWrites, 'milestones'>>;
  clock: Clock;
}) {
  const { milestones, clock } = deps;
  return {
    list: (owner: PlanOwner): Promise<Milestone[]> => milestones.list(owner.teamId, owner.userId),

    async add(owner: PlanOwner, input: NewMilestoneInput): Promise<Milestone> {
      const milestone = validateNewMilestone(input, localToday(clock.now(), owner.tz));
      return milestones.create(owner.teamId, owner.userId, milestone);
    },

    /**
     * Moves one of the member's milestones to `to` (done, dropped, in progress, planned) when the
     * life cycle allows it. A milestone of someone else is "not found", and nothing changes.
     */
    async setStatus(owner: PlanOwner, rawId: unknown, to: MilestoneStatus): Promise<Milestone> {
      const id = parseRecordId(rawId, 'milestone');
      return deps.uow.run(async ({ milestones: repo }) => {
        const current = await repo.find(owner.teamId, owner.userId, id, true);
        if (!current) throw notFound('milestone');
        const status = transitionMilestone(current.status, to);
        await repo.setStatus(owner.teamId, owner.userId, id, status);
        return { ...current, status };
      });
    },
  };
}

export type MilestoneService = ReturnType<typeof createMilestoneService>;
