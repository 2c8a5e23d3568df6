import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { Artifact, ArtifactFields, ArtifactSource } from './artifact.ts';
import type { Contribution } from './contribution.ts';

/** What `/careerplan contributions` lists (the ritual's view of the portfolio). */
export interface PortfolioArtifact {
  id: string;
  kind: string;
  title: string;
  link: string | null;
  impact: string;
  occurredOn: string;
  source: string;
}

/** Most artifacts one member's list, export or picker reads. */
export const MAX_ARTIFACTS_READ = 1000;

type ArtifactRow = {
  id: string;
  kind: string;
  title: string;
  link: string | null;
  impact: string;
  occurred_on: string;
  source: string;
  milestone_id: string | null;
  key_result_id: string | null;
  evidence_title: string | null;
};

function toArtifact(r: ArtifactRow): Artifact {
  const evidenceFor = r.milestone_id
    ? { type: 'milestone' as const, id: String(r.milestone_id) }
    : r.key_result_id
      ? { type: 'key_result' as const, id: String(r.key_result_id) }
      : null;
  return {
    id: String(r.id),
    kind: r.kind,
    title: r.title,
    link: r.link,
    impact: r.impact,
    occurredOn: r.occurred_on,
    source: r.source,
    evidenceFor,
    evidenceTitle: evidenceFor ? r.evidence_title : null,
  };
}

function targetColumns(fields: ArtifactFields) {
  return {
    milestone_id: fields.evidenceFor?.type === 'milestone' ? fields.evidenceFor.id : null,
    key_result_id: fields.evidenceFor?.type === 'key_result' ? fields.evidenceFor.id : null,
  };
}

/**
 * The impact portfolio (docs/product/portfolio.md): one table for every artifact, the monthly
 * contributions included. Every query is scoped to (team, user), so an id from Slack can never
 * reach another member's artifact. Takes Kysely, so it works inside a transaction.
 */
export function createPortfolioRepository(db: Db) {
  const selectArtifacts = () =>
    db
      .selectFrom('portfolio_artifacts as a')
      // Joined on the owner too, so a link can only ever show the member's own plan.
      .leftJoin('milestones as m', (join) =>
        join
          .onRef('m.id', '=', 'a.milestone_id')
          .onRef('m.team_id', '=', 'a.team_id')
          .onRef('m.user_id', '=', 'a.user_id'),
      )
      .leftJoin('key_results as k', (join) =>
        join
          .onRef('k.id', '=', 'a.key_result_id')
          .onRef('k.team_id', '=', 'a.team_id')
          .onRef('k.user_id', '=', 'a.user_id'),
      )
      .select([
        'a.id',
        'a.kind',
        'a.title',
        'a.link',
        'a.impact',
        'a.occurred_on',
        'a.source',
        'a.milestone_id',
        'a.key_result_id',
        sql<string | null>`coalesce(m.title, k.title)`.as('evidence_title'),
      ]);

  return {
    async addContribution(
      teamId: string,
      userId: string,
      contribution: Contribution,
      occurredOn: string,
      reminderId: string | null,
    ): Promise<string> {
      const row = await db
        .insertInto('portfolio_artifacts')
        .values({
          team_id: teamId,
          user_id: userId,
          kind: contribution.kind,
          title: contribution.title,
          link: contribution.link,
          impact: contribution.impact,
          occurred_on: occurredOn,
          source: 'contribution',
          delivery_id: reminderId,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },

    /** Stores a new artifact; returns its id. */
    async add(
      teamId: string,
      userId: string,
      fields: ArtifactFields,
      source: ArtifactSource,
    ): Promise<string> {
      const row = await db
        .insertInto('portfolio_artifacts')
        .values({
          team_id: teamId,
          user_id: userId,
          kind: fields.kind,
          title: fields.title,
          link: fields.link,
          impact: fields.impact,
          occurred_on: fields.occurredOn,
          source,
          delivery_id: null,
          ...targetColumns(fields),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return String(row.id);
    },

    /** The member's artifact, or undefined when it is not theirs (or gone). */
    async find(teamId: string, userId: string, id: string): Promise<Artifact | undefined> {
      const row = await selectArtifacts()
        .where('a.team_id', '=', teamId)
        .where('a.user_id', '=', userId)
        .where('a.id', '=', id)
        .executeTakeFirst();
      return row && toArtifact(row);
    },

    /** Replaces the typed fields of the member's artifact; false when it is not theirs. */
    async update(teamId: string, userId: string, id: string, fields: ArtifactFields): Promise<boolean> {
      const result = await db
        .updateTable('portfolio_artifacts')
        .set({
          kind: fields.kind,
          title: fields.title,
          link: fields.link,
          impact: fields.impact,
          occurred_on: fields.occurredOn,
          ...targetColumns(fields),
          updated_at: sql`now()`,
        })
        .where('team_id', '=', teamId)
        .where('user_id', '=', userId)
        .where('id', '=', id)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    /** Deletes the member's artifact (its readiness evidence goes with it); false when not theirs. */
    async remove(teamId: string, userId: string, id: string): Promise<boolean> {
      const result = await db
        .deleteFrom('portfolio_artifacts')
        .where('team_id', '=', teamId)
        .where('user_id', '=', userId)
        .where('id', '=', id)
        .executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },

    /** The member's artifacts, newest first (at most {@link MAX_ARTIFACTS_READ}). */
    async list(teamId: string, userId: string): Promise<Artifact[]> {
      const rows = await selectArtifacts()
        .where('a.team_id', '=', teamId)
        .where('a.user_id', '=', userId)
        .orderBy('a.occurred_on', 'desc')
        .orderBy('a.id', 'desc')
        .limit(MAX_ARTIFACTS_READ)
        .execute();
      return rows.map(toArtifact);
    },

    /** How many artifacts the member has, in all. */
    async count(teamId: string, userId: string): Promise<number> {
      const row = await db
        .selectFrom('portfolio_artifacts')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('team_id', '=', teamId)
        .where('user_id', '=', userId)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },

    /** Erases one member's whole portfolio (delete-my-data). */
    async eraseMember(teamId: string, userId: string): Promise<number> {
      const result = await db
        .deleteFrom('portfolio_artifacts')
        .where('team_id', '=', teamId)
        .where('user_id', '=', userId)
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },

    /** A member's contributions since a local date, newest first. */
    async contributionsSince(teamId: string, userId: string, sinceDay: string): Promise<PortfolioArtifact[]> {
      const rows = await db
        .selectFrom('portfolio_artifacts')
        .selectAll()
        .where('team_id', '=', teamId)
        .where('user_id', '=', userId)
        .where('source', '=', 'contribution')
        .where('occurred_on', '>=', sinceDay)
        .orderBy('occurred_on', 'desc')
        .orderBy('id', 'desc')
        .execute();
      return rows.map((r) => ({
        id: r.id,
        kind: r.kind,
        title: r.title,
        link: r.link,
        impact: r.impact,
        occurredOn: r.occurred_on,
        source: r.source,
      }));
    },
  };
}

export type PortfolioRepository = ReturnType<typeof createPortfolioRepository>;
