import type { Db } from '../../db/database.ts';
import type { QuickStartFacts } from './quick-start.ts';

/**
 * Which portfolio artifact kinds tick which quick-start item (docs/product/quick-start.md):
 * - public artifact: a talk, a blog post or an open-source contribution — things people outside
 *   the team can read or watch (an internal design doc does not count);
 * - mentoring session: a mentoring note;
 * - end-to-end feature with observability: a dashboard/observability artifact, the evidence
 *   that a shipped feature is watched in production (a bare `feature_shipped` does not count).
 */
export const QUICK_START_ARTIFACT_KINDS = {
  hasPublicArtifact: ['talk', 'blog_post', 'open_source'],
  hasMentoring: ['mentoring_note'],
  hasE2eFeature: ['dashboard_observability'],
} as const;

/**
 * Reads the facts behind the quick-start checklist. Skills, sprints and feedback conversations
 * have no tables yet, so those items stay not done until their features land.
 */
export function createQuickStartRepository(db: Db) {
  return {
    async facts(teamId: string, userId: string): Promise<QuickStartFacts> {
      const northStar = await db
        .selectFrom('north_stars')
        .select('user_id')
        .where('team_id', '=', teamId)
        .where('user_id', '=', userId)
        .executeTakeFirst();
      const kinds = Object.values(QUICK_START_ARTIFACT_KINDS).flat();
      const artifacts = await db
        .selectFrom('portfolio_artifacts')
        .select('kind')
        .distinct()
        .where('team_id', '=', teamId)
        .where('user_id', '=', userId)
        .where('kind', 'in', kinds)
        .execute();
      const have = new Set(artifacts.map((a) => a.kind));
      const hasAnyOf = (list: readonly string[]) => list.some((k) => have.has(k));
      return {
        hasNorthStar: northStar !== undefined,
        hasSkillsAssessed: false,
        hasSprint: false,
        hasPublicArtifact: hasAnyOf(QUICK_START_ARTIFACT_KINDS.hasPublicArtifact),
        hasMentoring: hasAnyOf(QUICK_START_ARTIFACT_KINDS.hasMentoring),
        hasE2eFeature: hasAnyOf(QUICK_START_ARTIFACT_KINDS.hasE2eFeature),
        hasFeedbackConversation: false,
      };
    },
  };
}

export type QuickStartRepository = ReturnType<typeof createQuickStartRepository>;
