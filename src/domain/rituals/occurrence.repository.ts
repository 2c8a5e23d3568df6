import type { Db } from '../../db/database.ts';
import type { OutboxMessage } from '../../outbox/message.ts';
import { createOutboxRepository } from '../../outbox/outbox.repository.ts';
import type { PlannedDelivery } from './fanout.ts';
import { type Occurrence, REMINDER_KIND, reminderKey } from './occurrence.ts';
import { createStepRepository } from './step.repository.ts';

/** A member's reminder of an occurrence, as an outbox row (sent, or recorded as skipped). */
function reminderRows(occurrence: Occurrence, planned: readonly PlannedDelivery[]) {
  return planned.map((p) => ({
    teamId: occurrence.teamId,
    key: reminderKey(occurrence.id, p.userId),
    kind: REMINDER_KIND,
    target: { type: 'dm' as const, userId: p.userId },
    dueAt: p.send ? p.dueAt : new Date(),
    localDate: p.localDate,
    tz: p.tz,
    occurrenceId: occurrence.id,
    payload: { ritualId: occurrence.ritualId },
    ...(p.send ? {} : { skipReason: p.reason }),
  }));
}

function toOccurrence(r: {
  id: string;
  ritual_id: string;
  team_id: string;
  occurrence_key: string;
  occurrence_date: string;
  kind: 'scheduled' | 'adhoc';
  status: 'planned' | 'fanned_out' | 'cancelled';
  fanout_at: Date;
}): Occurrence {
  return {
    id: r.id,
    ritualId: r.ritual_id,
    teamId: r.team_id,
    key: r.occurrence_key,
    date: r.occurrence_date,
    kind: r.kind,
    status: r.status,
    fanoutAt: r.fanout_at,
  };
}

/**
 * Ritual occurrences and their reminders: Postgres is the source of truth for what is planned.
 * The reminders themselves are outbox rows (src/outbox), one per member and occurrence.
 */
export function createOccurrenceRepository(db: Db) {
  const outbox = createOutboxRepository(db);
  return {
    /** Creates the occurrence once; returns it (new or existing) by its unique key. */
    async upsertOccurrence(o: {
      ritualId: string;
      teamId: string;
      key: string;
      date: string;
      kind: 'scheduled' | 'adhoc';
      fanoutAt: Date;
      requestedBy?: string;
    }): Promise<Occurrence> {
      await db
        .insertInto('ritual_occurrences')
        .values({
          ritual_id: o.ritualId,
          team_id: o.teamId,
          occurrence_key: o.key,
          occurrence_date: o.date,
          kind: o.kind,
          fanout_at: o.fanoutAt,
          requested_by: o.requestedBy ?? null,
        })
        .onConflict((oc) => oc.columns(['ritual_id', 'occurrence_key']).doNothing())
        .execute();
      const row = await db
        .selectFrom('ritual_occurrences')
        .selectAll()
        .where('ritual_id', '=', o.ritualId)
        .where('occurrence_key', '=', o.key)
        .executeTakeFirstOrThrow();
      return toOccurrence(row);
    },

    async findOccurrence(id: string): Promise<Occurrence | undefined> {
      const row = await db
        .selectFrom('ritual_occurrences')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst();
      return row && toOccurrence(row);
    },

    /** The workspace uninstalled the app: nothing more is planned or sent there. */
    async cancelPendingForTeam(teamId: string): Promise<void> {
      await db.transaction().execute(async (trx) => {
        await trx
          .updateTable('ritual_occurrences')
          .set({ status: 'cancelled' })
          .where('team_id', '=', teamId)
          .where('status', '=', 'planned')
          .execute();
        await createOutboxRepository(trx).cancelPendingForTeam(teamId);
        await createStepRepository(trx).skipPendingForTeam(teamId);
      });
    },

    async cancelOccurrence(id: string): Promise<void> {
      await db
        .updateTable('ritual_occurrences')
        .set({ status: 'cancelled' })
        .where('id', '=', id)
        .where('status', '=', 'planned')
        .execute();
    },

    /** Occurrences not fanned out yet whose fan-out time is before `until`. */
    async occurrencesToFanOut(until: Date): Promise<Occurrence[]> {
      const rows = await db
        .selectFrom('ritual_occurrences')
        .selectAll()
        .where('status', '=', 'planned')
        .where('fanout_at', '<=', until)
        .orderBy('fanout_at')
        .execute();
      return rows.map(toOccurrence);
    },

    /**
     * An ad-hoc run of this ritual asked for since `since` that has not been fanned out yet: a
     * second `ritual run` (an admin retrying while the job system was down) reuses it.
     */
    async pendingAdhocSince(ritualId: string, since: Date): Promise<Occurrence | undefined> {
      const row = await db
        .selectFrom('ritual_occurrences')
        .selectAll()
        .where('ritual_id', '=', ritualId)
        .where('kind', '=', 'adhoc')
        .where('status', '=', 'planned')
        .where('created_at', '>=', since)
        .orderBy('created_at', 'desc')
        .limit(1)
        .executeTakeFirst();
      return row && toOccurrence(row);
    },

    /** The newest occurrence of a ritual already started (for "this occurrence is over" answers). */
    async latestFannedOut(ritualId: string): Promise<Occurrence | undefined> {
      const row = await db
        .selectFrom('ritual_occurrences')
        .selectAll()
        .where('ritual_id', '=', ritualId)
        .where('status', '=', 'fanned_out')
        .orderBy('fanout_at', 'desc')
        .limit(1)
        .executeTakeFirst();
      return row && toOccurrence(row);
    },

    /**
     * Stores the planned reminders of an occurrence as outbox rows (a member already planned keeps
     * their row) and marks it fanned out, in one transaction.
     */
    async recordFanout(occurrence: Occurrence, planned: readonly PlannedDelivery[]): Promise<void> {
      await db.transaction().execute(async (trx) => {
        await createOutboxRepository(trx).insertMany(reminderRows(occurrence, planned));
        await trx
          .updateTable('ritual_occurrences')
          .set({ status: 'fanned_out', fanned_out_at: new Date() })
          .where('id', '=', occurrence.id)
          .execute();
      });
    },

    /**
     * Stores reminders planned later than the fan-out (a channel ritual's member reminders, from
     * an occurrence step): the same rows and keys, so a member is reminded once per occurrence.
     */
    async recordReminders(occurrence: Occurrence, planned: readonly PlannedDelivery[]): Promise<void> {
      await outbox.insertMany(reminderRows(occurrence, planned));
    },

    /** A channel ritual's occurrence is fanned out once its post is handed to the outbox. */
    async recordChannelPost(occurrence: Occurrence): Promise<void> {
      await db
        .updateTable('ritual_occurrences')
        .set({ status: 'fanned_out', fanned_out_at: new Date() })
        .where('id', '=', occurrence.id)
        .execute();
    },

    /** An occurrence's reminders still to send. */
    async pendingReminders(occurrenceId: string): Promise<OutboxMessage[]> {
      return outbox.pending({ occurrenceId });
    },

    /**
     * An occurrence's member reminders by outcome (`ritual status`): status and skip reason, with
     * how many rows each.
     */
    async reminderOutcomes(
      occurrenceId: string,
    ): Promise<Array<{ status: string; skipReason: string | null; count: number }>> {
      const rows = await db
        .selectFrom('outbox')
        .select(['status', 'skip_reason', db.fn.countAll<string>().as('n')])
        .where('occurrence_id', '=', occurrenceId)
        .where('kind', '=', REMINDER_KIND)
        .groupBy(['status', 'skip_reason'])
        .execute();
      return rows.map((r) => ({ status: r.status, skipReason: r.skip_reason, count: Number(r.n) }));
    },

    /** Reminders by status for one occurrence, for `ritual list` and operators. */
    async countsByStatus(occurrenceId: string): Promise<Record<string, number>> {
      const rows = await db
        .selectFrom('outbox')
        .select(['status', db.fn.countAll<string>().as('n')])
        .where('occurrence_id', '=', occurrenceId)
        .groupBy('status')
        .execute();
      return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
    },
  };
}

export type OccurrenceRepository = ReturnType<typeof createOccurrenceRepository>;
