import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { Cadence } from '../schedules/index.ts';
import { formatTime, parseLocalTime, validateCadence } from '../schedules/index.ts';
import type { Ritual, RitualName } from './ritual.ts';
import type { RitualTypes } from './ritual-types.ts';

interface RitualRow {
  id: string;
  team_id: string;
  name: RitualName;
  channel_id: string | null;
  cadence: unknown;
  local_time: string;
  audience: 'channel' | 'dm';
  time_zone: string | null;
  paused: boolean;
  updated_at: Date;
}

function toRitual(row: RitualRow): Ritual {
  const cadence = row.cadence;
  validateCadence(cadence);
  return {
    id: row.id,
    teamId: row.team_id,
    name: row.name,
    channelId: row.channel_id,
    cadence,
    localTime: parseLocalTime(row.local_time),
    audience: row.audience,
    timeZone: row.time_zone,
    paused: row.paused,
    scheduleSince: row.updated_at,
  };
}

export interface RitualSetup {
  channelId: string;
  cadence: Cadence;
  localTime: { hour: number; minute: number };
  timeZone: string | null;
}

/**
 * A team's rituals. Every registered ritual type exists for every workspace, created with the
 * type's defaults on first use (a type registered later appears the next time it is read).
 */
export function createRitualRepository(db: Db, types: RitualTypes) {
  async function ensureDefaults(teamId: string): Promise<void> {
    const all = types.all();
    if (all.length === 0) return;
    // `ritual list` may be a workspace's very first command: its row must exist first.
    await db
      .insertInto('workspaces')
      .values({ team_id: teamId })
      .onConflict((oc) => oc.column('team_id').doNothing())
      .execute();
    await db
      .insertInto('rituals')
      .values(
        all.map((type) => ({
          team_id: teamId,
          name: type.name,
          cadence: JSON.stringify(type.cadence),
          local_time: formatTime(type.localTime),
          audience: type.audience,
        })),
      )
      .onConflict((oc) => oc.columns(['team_id', 'name']).doNothing())
      .execute();
  }

  return {
    async listForTeam(teamId: string): Promise<Ritual[]> {
      await ensureDefaults(teamId);
      const rows = await db
        .selectFrom('rituals')
        .selectAll()
        .where('team_id', '=', teamId)
        .orderBy('name')
        .execute();
      return rows.map(toRitual);
    },

    async find(teamId: string, name: RitualName): Promise<Ritual> {
      await ensureDefaults(teamId);
      const row = await db
        .selectFrom('rituals')
        .selectAll()
        .where('team_id', '=', teamId)
        .where('name', '=', name)
        .executeTakeFirstOrThrow();
      return toRitual(row);
    },

    async findById(id: string): Promise<Ritual | undefined> {
      const row = await db.selectFrom('rituals').selectAll().where('id', '=', id).executeTakeFirst();
      return row && toRitual(row);
    },

    async saveSetup(teamId: string, name: RitualName, setup: RitualSetup): Promise<Ritual> {
      await ensureDefaults(teamId);
      const row = await db
        .updateTable('rituals')
        .set({
          channel_id: setup.channelId,
          cadence: JSON.stringify(setup.cadence),
          local_time: formatTime(setup.localTime),
          time_zone: setup.timeZone,
          updated_at: sql`now()`,
        })
        .where('team_id', '=', teamId)
        .where('name', '=', name)
        .returningAll()
        .executeTakeFirstOrThrow();
      return toRitual(row);
    },

    async setPaused(teamId: string, name: RitualName, paused: boolean): Promise<void> {
      await ensureDefaults(teamId);
      await db
        .updateTable('rituals')
        .set({ paused, updated_at: sql`now()` })
        .where('team_id', '=', teamId)
        .where('name', '=', name)
        .execute();
    },

    /**
     * Rituals that should be planned: set up with a channel, not paused. With `installedOnly`
     * (OAuth mode) only workspaces that still have the app installed count.
     */
    async listSchedulable(options: { installedOnly?: boolean } = {}): Promise<Ritual[]> {
      let query = db.selectFrom('rituals').selectAll();
      if (options.installedOnly) {
        query = query.where('team_id', 'in', db.selectFrom('installations').select('team_id'));
      }
      const rows = await query
        .where('paused', '=', false)
        .where('channel_id', 'is not', null)
        .where('name', 'in', [...types.runnableNames(), ''])
        .execute();
      return rows.map(toRitual);
    },

    async optedOut(ritualId: string): Promise<Set<string>> {
      const rows = await db
        .selectFrom('ritual_optouts')
        .select('user_id')
        .where('ritual_id', '=', ritualId)
        .execute();
      return new Set(rows.map((r) => r.user_id));
    },
  };
}

export type RitualRepository = ReturnType<typeof createRitualRepository>;
