import type { UnitOfWork } from '../../db/unit-of-work.ts';
import type { ActivityRecorder } from '../activity/activity.ts';
import type { CheckInRepository } from './checkin.repository.ts';
import type { LadderRepository } from './ladder.repository.ts';
import type { MilestoneRepository } from './milestone.repository.ts';
import type { NorthStarRepository } from './north-star.repository.ts';
import type { OkrRepository } from './okr.repository.ts';

/**
 * What the career-plan services need from storage: the methods they call, no more. The Postgres
 * repositories satisfy these as they are; unit tests pass small in-memory ones instead, so the
 * rules run without a database.
 */

export type LadderStore = Pick<LadderRepository, 'get' | 'replace'>;
export type NorthStarStore = Pick<NorthStarRepository, 'find' | 'save'>;
export type MilestoneStore = Pick<MilestoneRepository, 'create' | 'list' | 'find' | 'setStatus'>;
export type CheckInStore = Pick<CheckInRepository, 'recordCheckIn' | 'checkIns'>;
export type OkrStore = Pick<
  OkrRepository,
  | 'lockMember'
  | 'listQuarter'
  | 'countActiveObjectives'
  | 'findObjective'
  | 'findKeyResult'
  | 'createObjective'
  | 'addKeyResult'
  | 'renameObjective'
  | 'archiveObjective'
  | 'updateKeyResult'
  | 'archiveKeyResult'
>;

/** Erases one member's whole plan (delete-my-data) in one go; the team's ladder stays. */
export interface PlanEraser {
  eraseMember(teamId: string, userId: string): Promise<Record<string, number>>;
}

/** The repositories a plan write gets inside one transaction. */
export interface PlanWrites {
  northStars: Pick<NorthStarStore, 'save'>;
  milestones: Pick<MilestoneStore, 'find' | 'setStatus'>;
  okrs: Pick<
    OkrStore,
    'lockMember' | 'countActiveObjectives' | 'findObjective' | 'createObjective' | 'addKeyResult'
  >;
  checkIns: Pick<CheckInStore, 'recordCheckIn'>;
  activity: ActivityRecorder;
}

/** Everything the plan services read and write, outside and inside a transaction. */
export interface PlanRepositories {
  ladders: LadderStore;
  northStars: Pick<NorthStarStore, 'find'>;
  milestones: Pick<MilestoneStore, 'create' | 'list'>;
  okrs: Pick<
    OkrStore,
    | 'listQuarter'
    | 'countActiveObjectives'
    | 'findObjective'
    | 'findKeyResult'
    | 'renameObjective'
    | 'archiveObjective'
    | 'updateKeyResult'
    | 'archiveKeyResult'
  >;
  checkIns: Pick<CheckInStore, 'checkIns'>;
  eraser: PlanEraser;
  /** Opens one transaction with {@link PlanWrites} built on it. */
  uow: UnitOfWork<PlanWrites>;
}
