import type { Db } from '../../db/database.ts';
import type { Clock } from '../clock.ts';
import type { LadderLevel } from './ladder.ts';
import { createMilestoneService, localToday } from './milestone.service.ts';
import type { Milestone } from './milestones.ts';
import { createNorthStarService } from './north-star.service.ts';
import type { NorthStar } from './north-star.ts';
import { createOkrService } from './okr.service.ts';
import { renderPlanMarkdown } from './plan-markdown.ts';
import type { PlanRepositories } from './plan-ports.ts';
import { postgresPlanRepositories } from './plan-repositories.ts';
import type { Quarter } from './quarters.ts';
import type { NumberedKeyResult, ObjectiveRecord, PlanOwner } from './records.ts';

/** Everything the App Home dashboard shows about a member's plan, read at one moment. */
export interface PlanDashboard {
  /** The member's local date, `YYYY-MM-DD`. */
  today: string;
  northStar: NorthStar | null;
  ladder: LadderLevel[];
  quarter: Quarter;
  objectives: ObjectiveRecord[];
  numbered: NumberedKeyResult[];
  milestones: Milestone[];
}

/** The career-plan services on Postgres (the app's wiring; see {@link createPlanServicesFrom}). */
export function createPlanServices(db: Db, clock: Clock) {
  return createPlanServicesFrom(postgresPlanRepositories(db), clock);
}

/**
 * The career-plan services over any repositories (Postgres in the app, in-memory in unit tests):
 * the ladder and north star, milestones, OKRs, and the read models for App Home and the Markdown
 * export. Rules: docs/product/career-plan.md, docs/product/quick-start.md and
 * docs/product/exports.md.
 */
export function createPlanServicesFrom(repositories: PlanRepositories, clock: Clock) {
  const { ladders, northStars, milestones: milestoneStore, okrs: okrStore, checkIns, uow } = repositories;
  const career = createNorthStarService({ ladders, northStars, uow, clock });
  const milestones = createMilestoneService({ milestones: milestoneStore, uow, clock });
  const okrs = createOkrService({ okrs: okrStore, checkIns, uow, clock });

  async function dashboard(owner: PlanOwner): Promise<PlanDashboard> {
    const [northStar, ladder, current, list] = await Promise.all([
      career.northStar(owner),
      career.ladder(owner.teamId),
      okrs.quarter(owner),
      milestones.list(owner),
    ]);
    return {
      today: localToday(clock.now(), owner.tz),
      northStar,
      ladder,
      quarter: current.quarter,
      objectives: current.objectives,
      numbered: current.numbered,
      milestones: list,
    };
  }

  return {
    career,
    milestones,
    okrs,
    dashboard,
    /** Erases the member's whole plan; the team's ladder stays. */
    eraseMember: (teamId: string, userId: string): Promise<Record<string, number>> =>
      repositories.eraser.eraseMember(teamId, userId),

    /** The one-page plan (north star, milestones, this quarter's OKRs) as Markdown. */
    async planMarkdown(owner: PlanOwner, memberName: string): Promise<string> {
      const plan = await dashboard(owner);
      return renderPlanMarkdown({
        memberName,
        northStar: plan.northStar,
        ladder: plan.ladder,
        milestones: plan.milestones,
        quarter: plan.quarter,
        objectives: plan.objectives,
        skillsSection: null,
        generatedOn: plan.today,
      });
    },
  };
}

export type PlanServices = ReturnType<typeof createPlanServices>;
