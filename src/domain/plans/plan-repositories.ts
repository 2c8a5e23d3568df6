import type { Db } from '../../db/database.ts';
import { unitOfWork } from '../../db/unit-of-work.ts';
import { createActivityRepository } from '../activity/activity.repository.ts';
import { createCheckInRepository } from './checkin.repository.ts';
import { createLadderRepository } from './ladder.repository.ts';
import { createMilestoneRepository } from './milestone.repository.ts';
import { createNorthStarRepository } from './north-star.repository.ts';
import { createOkrRepository } from './okr.repository.ts';
import { createPlanEraseRepository } from './plan-erase.repository.ts';
import type { PlanRepositories, PlanWrites } from './plan-ports.ts';

/** The Postgres repositories behind the plan services: the one place they are built. */
export function postgresPlanRepositories(db: Db): PlanRepositories {
  return {
    ladders: createLadderRepository(db),
    northStars: createNorthStarRepository(db),
    milestones: createMilestoneRepository(db),
    okrs: createOkrRepository(db),
    checkIns: createCheckInRepository(db),
    eraser: createPlanEraseRepository(db),
    uow: unitOfWork(
      db,
      (trx): PlanWrites => ({
        northStars: createNorthStarRepository(trx),
        milestones: createMilestoneRepository(trx),
        okrs: createOkrRepository(trx),
        checkIns: createCheckInRepository(trx),
        activity: createActivityRepository(trx),
      }),
    ),
  };
}
