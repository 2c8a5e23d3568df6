import type { Db } from '../../db/database.ts';
import type { Contribution } from './contribution.ts';

export interface PortfolioArtifact {
  id: string;
  kind: string;
  title: string;
  link: string | null;
  impact: string;
  occurredOn: string;
  source: string;
}

/** The impact portfolio (docs/product/portfolio.md). Monthly contributions are its first source. */
export function createPortfolioRepository(db: Db) {
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
