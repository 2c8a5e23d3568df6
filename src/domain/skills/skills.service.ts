import type { UnitOfWork } from '../../db/unit-of-work.ts';
import type { ActivityEvent, ActivityRecorder } from '../activity/activity.ts';
import type { Clock } from '../clock.ts';
import { DomainError } from '../errors.ts';
import type { SprintRecord, SprintRepository } from '../sprints/sprint.repository.ts';
import { sprintCalendarAt } from '../sprints/sprint.ts';
import type { ActionPlanRepository } from './action-plan.repository.ts';
import type { ActionPlan, ActionPlanInput, PlanPart } from './action-plan.ts';
import { validateActionPlan } from './action-plan.ts';
import type { AssessmentRepository } from './assessment.repository.ts';
import {
  type AssessmentForm,
  type Change,
  changeOf,
  type Rating,
  type SkillHistory,
  validateAssessment,
} from './assessment.ts';
import type { CatalogRepository } from './catalog.repository.ts';
import { type Catalog, catalogOrder, pickableSkill, type Skill } from './catalog.ts';
import { type Gap, rankGaps } from './gaps.ts';

/** The repositories the skills services use, built on one connection or transaction. */
export interface SkillsStore {
  catalog: CatalogRepository;
  assessments: AssessmentRepository;
  plans: ActionPlanRepository;
  sprints: SprintRepository;
  activity: ActivityRecorder;
}

/** A member, with the zone their dates are computed in. */
export interface SkillOwner {
  teamId: string;
  userId: string;
  tz: string;
}

export interface TopGap extends Gap {
  skill: Skill;
  plan: ActionPlan | null;
}

/** Everything the member's skills views show, read at one moment. */
export interface SkillProfile {
  catalog: Catalog;
  history: Map<string, SkillHistory>;
  /** The running sprint (started, not finished), if any. */
  sprint: SprintRecord | undefined;
  gaps: TopGap[];
}

export interface AssessmentResult {
  assessmentId: string;
  changes: Array<{ skill: Skill; level: number; target: number; change: Change }>;
}

/** The member's running sprint: active and inside its twelve weeks. */
export function runningSprint(
  sprint: SprintRecord | undefined,
  now: Date,
  tz: string,
): SprintRecord | undefined {
  if (!sprint) return undefined;
  const phase = sprintCalendarAt(sprint.startDate, now, tz).phase;
  return phase === 'learning' || phase === 'consolidation' ? sprint : undefined;
}

/**
 * The skills inventory (docs/product/skills.md): the catalogue, dated self-assessments, gaps
 * and their action plans. Writes run in one unit of work, so a refused form stores nothing.
 */
export function createSkillsService(deps: {
  store: SkillsStore;
  uow: UnitOfWork<SkillsStore>;
  clock: Clock;
}) {
  const { store, uow, clock } = deps;

  async function profile(owner: SkillOwner): Promise<SkillProfile> {
    // One round of concurrent reads: this is the per-member view the benchmark times.
    const [catalog, history, active, plans] = await Promise.all([
      store.catalog.catalog(owner.teamId),
      store.assessments.history(owner.teamId, owner.userId),
      store.sprints.active(owner.teamId, owner.userId),
      store.plans.forMember(owner.teamId, owner.userId),
    ]);
    const sprint = runningSprint(active, clock.now(), owner.tz);
    const ranked = rankGaps(
      [...history.values()].map((h) => h.latest),
      catalogOrder(catalog),
      new Set(sprint?.focalSkillIds ?? []),
    );
    const gaps = ranked.flatMap((gap) => {
      const skill = catalog.skills.find((s) => s.id === gap.skillId);
      return skill ? [{ ...gap, skill, plan: plans.get(gap.skillId) ?? null }] : [];
    });
    return { catalog, history, sprint, gaps };
  }

  return {
    catalog: (teamId: string) => store.catalog.catalog(teamId),
    profile,

    /**
     * Stores a new dated assessment (never overwriting an earlier one) and its activity:
     * `skills.assessed` always, `skill_checkin.done` when it answers a check-in (`checkinId`, the
     * check-in DM's outbox row). Answers the change of each rated skill since its last rating.
     */
    async assess(
      owner: SkillOwner,
      form: AssessmentForm,
      options: { source: 'self' | 'checkin'; checkinId?: string },
    ): Promise<AssessmentResult> {
      return uow.run(async (repos) => {
        const catalog = await repos.catalog.catalog(owner.teamId);
        const history = await repos.assessments.history(owner.teamId, owner.userId);
        const previous = new Map<string, Rating>([...history].map(([id, h]) => [id, h.latest]));
        const ratings = validateAssessment(form, catalog, previous);
        const at = clock.now();
        const assessmentId = await repos.assessments.insert({
          teamId: owner.teamId,
          userId: owner.userId,
          source: options.source,
          assessedAt: at,
          ratings,
        });
        const events: ActivityEvent[] = [
          {
            teamId: owner.teamId,
            userId: owner.userId,
            kind: 'skills.assessed',
            sourceKey: `skills:assessment:${assessmentId}`,
            occurredAt: at,
          },
        ];
        if (options.checkinId) {
          events.push({
            teamId: owner.teamId,
            userId: owner.userId,
            kind: 'skill_checkin.done',
            sourceKey: `skills:checkin:${options.checkinId}`,
            occurredAt: at,
          });
        }
        await repos.activity.record(events);
        return {
          assessmentId,
          changes: ratings.map((r) => ({
            skill: catalog.skills.find((s) => s.id === r.skillId) as Skill,
            level: r.level,
            target: r.target,
            change: changeOf(r.level, previous.get(r.skillId)?.level),
          })),
        };
      });
    },

    /** Saves the action plan of one of the member's rated skills (the form's three parts). */
    async saveActionPlan(owner: SkillOwner, skillId: string, input: ActionPlanInput): Promise<Skill> {
      const plan = validateActionPlan(input);
      return uow.run(async (repos) => {
        const skill = pickableSkill(await repos.catalog.catalog(owner.teamId), skillId, 'plan_read');
        await repos.plans.save(owner.teamId, owner.userId, { skillId: skill.id, ...plan });
        return skill;
      });
    },

    async tickPlanPart(owner: SkillOwner, skillId: string, part: PlanPart, done: boolean): Promise<void> {
      if (!(await store.plans.tick(owner.teamId, owner.userId, skillId, part, done))) {
        throw new DomainError('skill_unknown', 'That action plan is not yours or no longer exists.');
      }
    },

    async actionPlan(owner: SkillOwner, skillId: string): Promise<{ skill: Skill; plan: ActionPlan | null }> {
      const skill = pickableSkill(await store.catalog.catalog(owner.teamId), skillId, 'plan_read');
      const plans = await store.plans.forSkills(owner.teamId, owner.userId, [skill.id]);
      return { skill, plan: plans.get(skill.id) ?? null };
    },

    /**
     * The skills a check-in asks about: the running sprint's focal skills, or the top gaps when
     * no sprint runs; with what changed at their last assessment.
     */
    async checkinFocus(
      owner: SkillOwner,
    ): Promise<{ fromSprint: boolean; skills: Skill[]; profile: SkillProfile }> {
      const p = await profile(owner);
      if (p.sprint) {
        const skills = p.sprint.focalSkillIds.flatMap((id) => {
          const skill = p.catalog.skills.find((s) => s.id === id && !s.retired);
          return skill ? [skill] : [];
        });
        if (skills.length > 0) return { fromSprint: true, skills, profile: p };
      }
      return { fromSprint: false, skills: p.gaps.map((g) => g.skill), profile: p };
    },

    async eraseMember(teamId: string, userId: string): Promise<Record<string, number>> {
      return uow.run(async (repos) => ({
        actionPlans: await repos.plans.eraseMember(teamId, userId),
        sprints: await repos.sprints.eraseMember(teamId, userId),
        assessments: await repos.assessments.eraseMember(teamId, userId),
      }));
    },
  };
}

export type SkillsService = ReturnType<typeof createSkillsService>;
