import type { Db } from '../../db/database.ts';
import { unitOfWork } from '../../db/unit-of-work.ts';
import { createActivityRepository } from '../activity/activity.repository.ts';
import type { Clock } from '../clock.ts';
import { createSprintRepository } from '../sprints/sprint.repository.ts';
import { createSprintService } from '../sprints/sprint.service.ts';
import { createActionPlanRepository } from './action-plan.repository.ts';
import { createAssessmentRepository } from './assessment.repository.ts';
import { createCatalogRepository } from './catalog.repository.ts';
import { createCatalogAdminService } from './catalog-admin.service.ts';
import { createSkillsService, type SkillsStore } from './skills.service.ts';

/** The skills repositories on one connection or transaction. */
export function skillsStore(db: Db): SkillsStore {
  return {
    catalog: createCatalogRepository(db),
    assessments: createAssessmentRepository(db),
    plans: createActionPlanRepository(db),
    sprints: createSprintRepository(db),
    activity: createActivityRepository(db),
  };
}

/** The skills and sprint services on Postgres (the app's wiring). */
export function createSkillServices(db: Db, clock: Clock) {
  const store = skillsStore(db);
  const uow = unitOfWork(db, skillsStore);
  return {
    store,
    skills: createSkillsService({ store, uow, clock }),
    admin: createCatalogAdminService({ uow, clock }),
    sprints: createSprintService({ store, uow, clock }),
  };
}

export type SkillServices = ReturnType<typeof createSkillServices>;
