import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import { type Catalog, DEFAULT_CATALOG } from './catalog.ts';
import { type CheckinSettings, DEFAULT_CHECKIN } from './checkin-schedule.ts';

/**
 * The team's skills catalogue and check-in settings. A team's default catalogue is seeded on the
 * first read: the `skill_settings` row is claimed with `catalog_seeded_at` under a row lock, so
 * concurrent first reads seed it once. Takes Kysely, so it works inside a transaction.
 */
export function createCatalogRepository(db: Db) {
  /** Domains and their skills in one query (a domain without skills comes with nulls). */
  async function read(trx: Db, teamId: string): Promise<Catalog> {
    const rows = await trx
      .selectFrom('skill_domains as d')
      .leftJoin('skills as s', 's.domain_id', 'd.id')
      .select([
        'd.id as domain_id',
        'd.name as domain_name',
        'd.position as domain_position',
        's.id',
        's.name',
        's.position',
        's.retired_at',
      ])
      .where('d.team_id', '=', teamId)
      .orderBy('d.position')
      .orderBy('d.id')
      .orderBy('s.position')
      .orderBy('s.id')
      .execute();
    const catalog: Catalog = { domains: [], skills: [] };
    for (const r of rows) {
      if (catalog.domains.at(-1)?.id !== r.domain_id) {
        catalog.domains.push({ id: r.domain_id, name: r.domain_name, position: r.domain_position });
      }
      if (r.id !== null && r.name !== null && r.position !== null) {
        catalog.skills.push({
          id: r.id,
          domainId: r.domain_id,
          name: r.name,
          position: r.position,
          retired: r.retired_at !== null,
        });
      }
    }
    return catalog;
  }

  async function seed(trx: Db, teamId: string): Promise<void> {
    for (const [position, entry] of DEFAULT_CATALOG.entries()) {
      const domain = await trx
        .insertInto('skill_domains')
        .values({ team_id: teamId, name: entry.domain, position })
        .onConflict((oc) => oc.columns(['team_id', 'name']).doUpdateSet({ position }))
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('skills')
        .values(entry.skills.map((name, i) => ({ team_id: teamId, domain_id: domain.id, name, position: i })))
        .execute();
    }
  }

  return {
    /** The whole catalogue, retired skills included; seeds the default one the first time. */
    async catalog(teamId: string): Promise<Catalog> {
      // Domains are never deleted, so a team with domains has been seeded: one read, no lock.
      const existing = await read(db, teamId);
      if (existing.domains.length > 0) return existing;
      // Inside a unit of work the seed joins its transaction (Kysely cannot nest them).
      const inTransaction = <T>(work: (trx: Db) => Promise<T>) =>
        db.isTransaction ? work(db) : db.transaction().execute(work);
      return inTransaction(async (trx) => {
        await trx
          .insertInto('skill_settings')
          .values({ team_id: teamId })
          .onConflict((oc) => oc.column('team_id').doNothing())
          .execute();
        const row = await trx
          .selectFrom('skill_settings')
          .select('catalog_seeded_at')
          .where('team_id', '=', teamId)
          .forUpdate()
          .executeTakeFirstOrThrow();
        if (!row.catalog_seeded_at) {
          await seed(trx, teamId);
          await trx
            .updateTable('skill_settings')
            .set({ catalog_seeded_at: sql`now()` })
            .where('team_id', '=', teamId)
            .execute();
        }
        return read(trx, teamId);
      });
    },

    async addSkill(teamId: string, domainId: string, name: string): Promise<string> {
      const row = await db
        .insertInto('skills')
        .values({
          team_id: teamId,
          domain_id: domainId,
          name,
          position: sql<number>`(SELECT coalesce(max(position), -1) + 1 FROM skills
                                  WHERE team_id = ${teamId} AND domain_id = ${domainId})`,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },

    async renameSkill(teamId: string, skillId: string, name: string): Promise<boolean> {
      const result = await db
        .updateTable('skills')
        .set({ name, updated_at: sql`now()` })
        .where('team_id', '=', teamId)
        .where('id', '=', skillId)
        .where('retired_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    async retireSkill(teamId: string, skillId: string): Promise<boolean> {
      const result = await db
        .updateTable('skills')
        .set({ retired_at: sql`now()`, updated_at: sql`now()` })
        .where('team_id', '=', teamId)
        .where('id', '=', skillId)
        .where('retired_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    async settings(teamId: string): Promise<CheckinSettings> {
      const row = await db
        .selectFrom('skill_settings')
        .select(['checkin_every_weeks', 'checkin_anchor'])
        .where('team_id', '=', teamId)
        .executeTakeFirst();
      return row ? { everyWeeks: row.checkin_every_weeks, anchor: row.checkin_anchor } : DEFAULT_CHECKIN;
    },

    async saveSettings(teamId: string, settings: CheckinSettings, updatedBy: string): Promise<void> {
      await db
        .insertInto('skill_settings')
        .values({
          team_id: teamId,
          checkin_every_weeks: settings.everyWeeks,
          checkin_anchor: settings.anchor,
          updated_by: updatedBy,
        })
        .onConflict((oc) =>
          oc.column('team_id').doUpdateSet({
            checkin_every_weeks: settings.everyWeeks,
            checkin_anchor: settings.anchor,
            updated_by: updatedBy,
            updated_at: sql`now()`,
          }),
        )
        .execute();
    },
  };
}

export type CatalogRepository = ReturnType<typeof createCatalogRepository>;
