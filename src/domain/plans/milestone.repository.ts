import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { Milestone, MilestoneStatus, NewMilestone } from './milestones.ts';

const COLUMNS = ['id', 'kind', 'title', 'due_date', 'status', 'evidence_url'] as const;

function toMilestone(row: {
  id: string;
  kind: Milestone['kind'];
  title: string;
  due_date: string;
  status: MilestoneStatus;
  evidence_url: string | null;
}): Milestone {
  return {
    id: String(row.id),
    kind: row.kind,
    title: row.title,
    dueDate: row.due_date,
    status: row.status,
    evidenceUrl: row.evidence_url,
  };
}

/** A member's 12-month milestones. Every query is scoped to (team, user). */
export function createMilestoneRepository(db: Db) {
  return {
    async create(teamId: string, userId: string, milestone: NewMilestone): Promise<Milestone> {
      const row = await db
        .insertInto('milestones')
        .values({
          team_id: teamId,
          user_id: userId,
          kind: milestone.kind,
          title: milestone.title,
          due_date: milestone.dueDate,
          evidence_url: milestone.evidenceUrl,
        })
        .returning(COLUMNS)
        .executeTakeFirstOrThrow();
      return toMilestone(row);
    },

    /** All of the member's milestones, soonest due first. */
    async list(teamId: string, userId: string): Promise<Milestone[]> {
      const rows = await db
        .selectFrom('milestones')
        .select(COLUMNS)
        .where('team_id', '=', teamId)
        .where('user_id', '=', userId)
        .orderBy('due_date')
        .orderBy('id')
        .execute();
      return rows.map(toMilestone);
    },

    /** The milestone when it belongs to this member; `forUpdate` locks it inside a transaction. */
    async find(teamId: string, userId: string, id: string, forUpdate = false): Promise<Milestone | null> {
      let query = db
        .selectFrom('milestones')
        .select(COLUMNS)
        .where('team_id', '=', teamId)
        .where('user_id', '=', userId)
        .where('id', '=', id);
      if (forUpdate) query = query.forUpdate();
      const row = await query.executeTakeFirst();
      return row ? toMilestone(row) : null;
    },

    async setStatus(teamId: string, userId: string, id: string, status: MilestoneStatus): Promise<void> {
      await db
        .updateTable('milestones')
        .set({ status, updated_at: sql`now()` })
        .where('team_id', '=', teamId)
        .where('user_id', '=', userId)
        .where('id', '=', id)
        .execute();
    },
  };
}

export type MilestoneRepository = ReturnType<typeof createMilestoneRepository>;
