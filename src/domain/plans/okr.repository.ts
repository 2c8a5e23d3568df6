import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { TitledKeyResult } from './okrs.ts';
import type { KeyResultRecord, ObjectiveRecord } from './records.ts';

interface KeyResultRow {
  id: string;
  objective_id: string;
  title: string;
  kind: 'metric' | 'percent';
  start_value: number | null;
  target_value: number | null;
  current_value: number;
  unit: string;
  archived_at: Date | null;
}

const KR_COLUMNS = [
  'id',
  'objective_id',
  'title',
  'kind',
  'start_value',
  'target_value',
  'current_value',
  'unit',
  'archived_at',
] as const;

function toKeyResult(row: KeyResultRow): KeyResultRecord {
  const base = { id: String(row.id), objectiveId: String(row.objective_id), title: row.title };
  const archived = row.archived_at !== null;
  if (row.kind === 'percent') return { ...base, archived, kind: 'percent', current: row.current_value };
  return {
    ...base,
    archived,
    kind: 'metric',
    start: row.start_value ?? 0,
    target: row.target_value ?? 0,
    current: row.current_value,
    unit: row.unit,
  };
}

function krValues(kr: TitledKeyResult) {
  return kr.kind === 'percent'
    ? {
        title: kr.title,
        kind: kr.kind,
        start_value: null,
        target_value: null,
        current_value: kr.current,
        unit: '',
      }
    : {
        title: kr.title,
        kind: kr.kind,
        start_value: kr.start,
        target_value: kr.target,
        current_value: kr.current,
        unit: kr.unit,
      };
}

/**
 * Quarterly objectives, their key results and the check-in history. Every query is scoped to
 * (team, user); a record of another member is simply not found. Pass a transaction as `db` to
 * combine calls atomically.
 */
export function createOkrRepository(db: Db) {
  async function keyResultsOf(objectiveIds: string[], includeArchived: boolean): Promise<KeyResultRow[]> {
    if (objectiveIds.length === 0) return [];
    let query = db
      .selectFrom('key_results')
      .select(KR_COLUMNS)
      .where('objective_id', 'in', objectiveIds)
      .orderBy('objective_id')
      .orderBy('position')
      .orderBy('id');
    if (!includeArchived) query = query.where('archived_at', 'is', null);
    return query.execute();
  }

  return {
    /** Serialises guardrail checks (objective and key-result counts) for one member. */
    async lockMember(teamId: string, userId: string): Promise<void> {
      await db
        .selectFrom('members')
        .select('user_id')
        .where('team_id', '=', teamId)
        .where('user_id', '=', userId)
        .forUpdate()
        .execute();
    },

    /** Active objectives of a quarter with their active key results, oldest objective first. */
    async listQuarter(teamId: string, userId: string, quarter: string): Promise<ObjectiveRecord[]> {
      const objectives = await db
        .selectFrom('objectives')
        .select(['id', 'quarter', 'title'])
        .where('team_id', '=', teamId)
        .where('user_id', '=', userId)
        .where('quarter', '=', quarter)
        .where('archived_at', 'is', null)
        .orderBy('id')
        .execute();
      const krs = await keyResultsOf(
        objectives.map((o) => String(o.id)),
        false,
      );
      return objectives.map((o) => ({
        id: String(o.id),
        quarter: o.quarter,
        title: o.title,
        archived: false,
        keyResults: krs.filter((kr) => String(kr.objective_id) === String(o.id)).map(toKeyResult),
      }));
    },

    async countActiveObjectives(teamId: string, userId: string, quarter: string): Promise<number> {
      const row = await db
        .selectFrom('objectives')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('team_id', '=', teamId)
        .where('user_id', '=', userId)
        .where('quarter', '=', quarter)
        .where('archived_at', 'is', null)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },

    /** The objective (archived or not, with its active key results) when it is this member's. */
    async findObjective(teamId: string, userId: string, id: string): Promise<ObjectiveRecord | null> {
      const o = await db
        .selectFrom('objectives')
        .select(['id', 'quarter', 'title', 'archived_at'])
        .where('team_id', '=', teamId)
        .where('user_id', '=', userId)
        .where('id', '=', id)
        .executeTakeFirst();
      if (!o) return null;
      const krs = await keyResultsOf([String(o.id)], false);
      return {
        id: String(o.id),
        quarter: o.quarter,
        title: o.title,
        archived: o.archived_at !== null,
        keyResults: krs.map(toKeyResult),
      };
    },

    /** The key result and its objective when both are this member's. */
    async findKeyResult(
      teamId: string,
      userId: string,
      id: string,
    ): Promise<{ keyResult: KeyResultRecord; objectiveArchived: boolean; quarter: string } | null> {
      const row = await db
        .selectFrom('key_results as kr')
        .innerJoin('objectives as o', 'o.id', 'kr.objective_id')
        .select([
          'kr.id',
          'kr.objective_id',
          'kr.title',
          'kr.kind',
          'kr.start_value',
          'kr.target_value',
          'kr.current_value',
          'kr.unit',
          'kr.archived_at',
          'o.archived_at as objective_archived_at',
          'o.quarter',
        ])
        .where('kr.team_id', '=', teamId)
        .where('kr.user_id', '=', userId)
        .where('o.team_id', '=', teamId)
        .where('o.user_id', '=', userId)
        .where('kr.id', '=', id)
        .executeTakeFirst();
      if (!row) return null;
      return {
        keyResult: toKeyResult(row),
        objectiveArchived: row.objective_archived_at !== null,
        quarter: row.quarter,
      };
    },

    /** Inserts an objective with its key results (call inside a transaction). */
    async createObjective(
      teamId: string,
      userId: string,
      quarter: string,
      title: string,
      keyResults: readonly TitledKeyResult[],
    ): Promise<string> {
      const objective = await db
        .insertInto('objectives')
        .values({ team_id: teamId, user_id: userId, quarter, title })
        .returning('id')
        .executeTakeFirstOrThrow();
      const objectiveId = String(objective.id);
      if (keyResults.length > 0) {
        await db
          .insertInto('key_results')
          .values(
            keyResults.map((kr, position) => ({
              objective_id: objectiveId,
              team_id: teamId,
              user_id: userId,
              position,
              ...krValues(kr),
            })),
          )
          .execute();
      }
      return objectiveId;
    },

    /** Appends a key result after the objective's existing ones. */
    async addKeyResult(
      teamId: string,
      userId: string,
      objectiveId: string,
      kr: TitledKeyResult,
    ): Promise<string> {
      const last = await db
        .selectFrom('key_results')
        .select((eb) => eb.fn.max('position').as('position'))
        .where('objective_id', '=', objectiveId)
        .executeTakeFirst();
      const row = await db
        .insertInto('key_results')
        .values({
          objective_id: objectiveId,
          team_id: teamId,
          user_id: userId,
          position: (last?.position ?? -1) + 1,
          ...krValues(kr),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return String(row.id);
    },

    async renameObjective(teamId: string, userId: string, id: string, title: string): Promise<void> {
      await db
        .updateTable('objectives')
        .set({ title, updated_at: sql`now()` })
        .where('team_id', '=', teamId)
        .where('user_id', '=', userId)
        .where('id', '=', id)
        .execute();
    },

    async archiveObjective(teamId: string, userId: string, id: string): Promise<void> {
      await db
        .updateTable('objectives')
        .set({ archived_at: sql`now()`, updated_at: sql`now()` })
        .where('team_id', '=', teamId)
        .where('user_id', '=', userId)
        .where('id', '=', id)
        .where('archived_at', 'is', null)
        .execute();
    },

    /** Rewrites a key result's definition (title, kind, start, target, unit, current). */
    async updateKeyResult(teamId: string, userId: string, id: string, kr: TitledKeyResult): Promise<void> {
      await db
        .updateTable('key_results')
        .set({ ...krValues(kr), updated_at: sql`now()` })
        .where('team_id', '=', teamId)
        .where('user_id', '=', userId)
        .where('id', '=', id)
        .execute();
    },

    async archiveKeyResult(teamId: string, userId: string, id: string): Promise<void> {
      await db
        .updateTable('key_results')
        .set({ archived_at: sql`now()`, updated_at: sql`now()` })
        .where('team_id', '=', teamId)
        .where('user_id', '=', userId)
        .where('id', '=', id)
        .where('archived_at', 'is', null)
        .execute();
    },
  };
}

export type OkrRepository = ReturnType<typeof createOkrRepository>;
