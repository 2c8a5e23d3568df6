import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { ActionPlan, PlanPart } from './action-plan.ts';

type Row = {
  skill_id: string;
  read_text: string;
  read_url: string | null;
  practice_text: string;
  show_text: string;
  read_done: boolean;
  practice_done: boolean;
  show_done: boolean;
};

function toPlan(r: Row): ActionPlan {
  return {
    skillId: r.skill_id,
    read: r.read_text,
    readUrl: r.read_url,
    practice: r.practice_text,
    show: r.show_text,
    done: { read: r.read_done, practice: r.practice_done, show: r.show_done },
  };
}

const DONE_COLUMN = { read: 'read_done', practice: 'practice_done', show: 'show_done' } as const;

/** Action plans of members' gaps, one per member and skill. */
export function createActionPlanRepository(db: Db) {
  return {
    /** Every action plan of the member (a handful: one per gap they planned). */
    async forMember(teamId: string, userId: string): Promise<Map<string, ActionPlan>> {
      const rows = await db
        .selectFrom('skill_action_plans')
        .select([
          'skill_id',
          'read_text',
          'read_url',
          'practice_text',
          'show_text',
          'read_done',
          'practice_done',
          'show_done',
        ])
        .where('team_id', '=', teamId)
        .where('user_id', '=', userId)
        .execute();
      return new Map(rows.map((r) => [r.skill_id, toPlan(r)]));
    },

    async forSkills(
      teamId: string,
      userId: string,
      skillIds: readonly string[],
    ): Promise<Map<string, ActionPlan>> {
      if (skillIds.length === 0) return new Map();
      const rows = await db
        .selectFrom('skill_action_plans')
        .select([
          'skill_id',
          'read_text',
          'read_url',
          'practice_text',
          'show_text',
          'read_done',
          'practice_done',
          'show_done',
        ])
        .where('team_id', '=', teamId)
        .where('user_id', '=', userId)
        .where('skill_id', 'in', skillIds)
        .execute();
      return new Map(rows.map((r) => [r.skill_id, toPlan(r)]));
    },

    /** Writes the plan's text; a rewritten part starts unticked only if its text changed. */
    async save(teamId: string, userId: string, plan: Omit<ActionPlan, 'done'>): Promise<void> {
      await db
        .insertInto('skill_action_plans')
        .values({
          team_id: teamId,
          user_id: userId,
          skill_id: plan.skillId,
          read_text: plan.read,
          read_url: plan.readUrl,
          practice_text: plan.practice,
          show_text: plan.show,
        })
        .onConflict((oc) =>
          oc.columns(['team_id', 'user_id', 'skill_id']).doUpdateSet({
            read_done: sql`skill_action_plans.read_done AND skill_action_plans.read_text = excluded.read_text`,
            practice_done: sql`skill_action_plans.practice_done AND skill_action_plans.practice_text = excluded.practice_text`,
            show_done: sql`skill_action_plans.show_done AND skill_action_plans.show_text = excluded.show_text`,
            read_text: (eb) => eb.ref('excluded.read_text'),
            read_url: (eb) => eb.ref('excluded.read_url'),
            practice_text: (eb) => eb.ref('excluded.practice_text'),
            show_text: (eb) => eb.ref('excluded.show_text'),
            updated_at: sql`now()`,
          }),
        )
        .execute();
    },

    /** Ticks (or unticks) one part; false when the member has no plan for that skill. */
    async tick(
      teamId: string,
      userId: string,
      skillId: string,
      part: PlanPart,
      done: boolean,
    ): Promise<boolean> {
      const result = await db
        .updateTable('skill_action_plans')
        .set({ [DONE_COLUMN[part]]: done, updated_at: sql`now()` })
        .where('team_id', '=', teamId)
        .where('user_id', '=', userId)
        .where('skill_id', '=', skillId)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    async eraseMember(teamId: string, userId: string): Promise<number> {
      const result = await db
        .deleteFrom('skill_action_plans')
        .where('team_id', '=', teamId)
        .where('user_id', '=', userId)
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}

export type ActionPlanRepository = ReturnType<typeof createActionPlanRepository>;
