import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';

/** One stored step of an occurrence (occurrence-steps.ts). */
export interface StoredStep {
  id: string;
  occurrenceId: string;
  teamId: string;
  step: string;
  dueAt: Date;
  status: 'planned' | 'done' | 'skipped';
}

const columns = ['id', 'occurrence_id', 'team_id', 'step', 'due_at', 'status'] as const;

function toStep(r: {
  id: string;
  occurrence_id: string;
  team_id: string;
  step: string;
  due_at: Date;
  status: StoredStep['status'];
}): StoredStep {
  return {
    id: r.id,
    occurrenceId: r.occurrence_id,
    teamId: r.team_id,
    step: r.step,
    dueAt: r.due_at,
    status: r.status,
  };
}

/** The ritual_occurrence_steps table: the engine's record of each occurrence's steps. */
export function createStepRepository(db: Db) {
  return {
    /**
     * Stores the steps of an occurrence once (a step already stored keeps its row and due time)
     * and returns the ones still planned, for their timers.
     */
    async ensure(
      occurrence: { id: string; teamId: string },
      steps: ReadonlyArray<{ step: string; dueAt: Date }>,
    ): Promise<StoredStep[]> {
      if (steps.length === 0) return [];
      await db
        .insertInto('ritual_occurrence_steps')
        .values(
          steps.map((s) => ({
            occurrence_id: occurrence.id,
            team_id: occurrence.teamId,
            step: s.step,
            due_at: s.dueAt,
          })),
        )
        .onConflict((oc) => oc.columns(['occurrence_id', 'step']).doNothing())
        .execute();
      const rows = await db
        .selectFrom('ritual_occurrence_steps')
        .select(columns)
        .where('occurrence_id', '=', occurrence.id)
        .where('status', '=', 'planned')
        .execute();
      return rows.map(toStep);
    },

    async find(id: string): Promise<StoredStep | undefined> {
      const row = await db
        .selectFrom('ritual_occurrence_steps')
        .select(columns)
        .where('id', '=', id)
        .executeTakeFirst();
      return row && toStep(row);
    },

    async forOccurrence(occurrenceId: string, step: string): Promise<StoredStep | undefined> {
      const row = await db
        .selectFrom('ritual_occurrence_steps')
        .select(columns)
        .where('occurrence_id', '=', occurrenceId)
        .where('step', '=', step)
        .executeTakeFirst();
      return row && toStep(row);
    },

    /** Steps still to run, due before `dueBefore` (reconcile re-arms their timers). */
    async pending(dueBefore: Date): Promise<StoredStep[]> {
      const rows = await db
        .selectFrom('ritual_occurrence_steps')
        .select(columns)
        .where('status', '=', 'planned')
        .where('due_at', '<=', dueBefore)
        .orderBy('due_at')
        .limit(100_000)
        .execute();
      return rows.map(toStep);
    },

    /** Counts the attempt before the step runs, so an operator sees steps that keep failing. */
    async recordAttempt(id: string): Promise<void> {
      await db
        .updateTable('ritual_occurrence_steps')
        .set({ attempts: sql`attempts + 1` })
        .where('id', '=', id)
        .execute();
    },

    async recordError(id: string, error: string): Promise<void> {
      await db
        .updateTable('ritual_occurrence_steps')
        .set({ last_error: error.slice(0, 500) })
        .where('id', '=', id)
        .execute();
    },

    /** Finishes a planned step; false when it was already finished (by another run or by hand). */
    async finish(id: string, outcome: { skip?: string } = {}): Promise<boolean> {
      const result = await db
        .updateTable('ritual_occurrence_steps')
        .set({
          status: outcome.skip ? 'skipped' : 'done',
          skip_reason: outcome.skip ?? null,
          // A step that failed for good keeps its last error for operators.
          ...(outcome.skip ? {} : { last_error: null }),
          finished_at: new Date(),
        })
        .where('id', '=', id)
        .where('status', '=', 'planned')
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    /** The workspace uninstalled the app: nothing more runs there. */
    async skipPendingForTeam(teamId: string): Promise<void> {
      await db
        .updateTable('ritual_occurrence_steps')
        .set({ status: 'skipped', skip_reason: 'uninstalled', finished_at: new Date() })
        .where('team_id', '=', teamId)
        .where('status', '=', 'planned')
        .execute();
    },
  };
}

export type StepRepository = ReturnType<typeof createStepRepository>;
