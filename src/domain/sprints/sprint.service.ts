import type { UnitOfWork } from '../../db/unit-of-work.ts';
import type { Clock } from '../clock.ts';
import { DomainError } from '../errors.ts';
import { localDateOf } from '../schedules/index.ts';
import type { SkillHistory } from '../skills/assessment.ts';
import type { Skill } from '../skills/catalog.ts';
import type { SkillOwner, SkillsStore } from '../skills/skills.service.ts';
import type { SprintRecord } from './sprint.repository.ts';
import {
  type SprintCalendar,
  type SprintStartForm,
  sprintCalendar,
  validateRetro,
  validateSprintStart,
} from './sprint.ts';

/** The result of asking to start a sprint. */
export type StartOutcome =
  | { started: SprintRecord; replaced: SprintRecord | null }
  /** A sprint is running: the member must confirm closing it first. */
  | { needsConfirmation: SprintRecord };

export interface FocalSkillView {
  skill: Skill;
  level: number | null;
  target: number | null;
}

/** What `/careerplan sprint`, App Home and the export show of a sprint. */
export interface SprintView {
  sprint: SprintRecord;
  calendar: SprintCalendar;
  /** This week's goal, if the member wrote one. */
  weekGoal: string | null;
  focal: FocalSkillView[];
  today: string;
}

/**
 * Learning sprints (docs/product/sprints.md): start (one active per member; replacing a running
 * one needs confirmation and closes it), status, and the retrospective at the end.
 */
export function createSprintService(deps: {
  store: SkillsStore;
  uow: UnitOfWork<SkillsStore>;
  clock: Clock;
}) {
  const { store, uow, clock } = deps;

  function focalOf(
    sprint: SprintRecord,
    skills: Skill[],
    history: Map<string, SkillHistory>,
  ): FocalSkillView[] {
    return sprint.focalSkillIds.flatMap((id) => {
      const skill = skills.find((s) => s.id === id);
      const latest = history.get(id)?.latest;
      return skill ? [{ skill, level: latest?.level ?? null, target: latest?.target ?? null }] : [];
    });
  }

  async function view(owner: SkillOwner, sprint: SprintRecord): Promise<SprintView> {
    const [catalog, history] = await Promise.all([
      store.catalog.catalog(owner.teamId),
      store.assessments.history(owner.teamId, owner.userId),
    ]);
    const today = localDateOf(clock.now(), owner.tz);
    const calendar = sprintCalendar(sprint.startDate, today);
    const weekGoal = sprint.goals.find((g) => g.week === calendar.week)?.goal ?? null;
    return { sprint, calendar, weekGoal, focal: focalOf(sprint, catalog.skills, history), today };
  }

  return {
    /**
     * Starts a sprint. A running sprint (inside its twelve weeks) is closed only when
     * `confirmReplace` says the member agreed; an active one whose weeks are over is completed
     * silently. Records `sprint.started`.
     */
    async start(owner: SkillOwner, form: SprintStartForm, confirmReplace: boolean): Promise<StartOutcome> {
      return uow.run(async (repos) => {
        const today = localDateOf(clock.now(), owner.tz);
        const plan = validateSprintStart(form, await repos.catalog.catalog(owner.teamId), today);
        const current = await repos.sprints.active(owner.teamId, owner.userId, true);
        let replaced: SprintRecord | null = null;
        if (current) {
          const finished = sprintCalendar(current.startDate, today).phase === 'finished';
          if (!finished && !confirmReplace) return { needsConfirmation: current };
          await repos.sprints.finish(current.id, finished ? 'completed' : 'closed');
          replaced = finished ? null : current;
        }
        const id = await repos.sprints.insert(owner.teamId, owner.userId, plan);
        await repos.activity.record([
          {
            teamId: owner.teamId,
            userId: owner.userId,
            kind: 'sprint.started',
            sourceKey: `sprint:${id}`,
            occurredAt: clock.now(),
          },
        ]);
        const started = await repos.sprints.find(owner.teamId, id);
        if (!started) throw new Error('the sprint just stored is missing');
        return { started, replaced };
      });
    },

    /** The member's active sprint as they see it today, or undefined without one. */
    async current(owner: SkillOwner): Promise<SprintView | undefined> {
      const sprint = await store.sprints.active(owner.teamId, owner.userId);
      return sprint ? view(owner, sprint) : undefined;
    },

    /** The sprint the export shows: the active one, else the latest one. */
    async forExport(owner: SkillOwner): Promise<SprintView | undefined> {
      const sprint =
        (await store.sprints.active(owner.teamId, owner.userId)) ??
        (await store.sprints.latest(owner.teamId, owner.userId));
      return sprint ? view(owner, sprint) : undefined;
    },

    async find(owner: SkillOwner, sprintId: string): Promise<SprintRecord> {
      const sprint = await store.sprints.find(owner.teamId, sprintId);
      if (!sprint || sprint.userId !== owner.userId) {
        throw new DomainError('sprint_not_found', 'That sprint is not yours or no longer exists.');
      }
      return sprint;
    },

    /** Stores the end-of-sprint retrospective; an active sprint becomes completed. */
    async saveRetro(
      owner: SkillOwner,
      sprintId: string,
      input: { wentWell: string; toChange: string },
    ): Promise<SprintRecord> {
      const retro = validateRetro(input);
      return uow.run(async (repos) => {
        const sprint = await repos.sprints.find(owner.teamId, sprintId);
        if (!sprint || sprint.userId !== owner.userId) {
          throw new DomainError('sprint_not_found', 'That sprint is not yours or no longer exists.');
        }
        await repos.sprints.saveRetro(owner.teamId, sprintId, retro, clock.now());
        return sprint;
      });
    },
  };
}

export type SprintService = ReturnType<typeof createSprintService>;
