import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { PointRule } from '../activity/points.ts';
import type { ScoreRow } from './leaderboard.repository.ts';
import type { Period } from './periods.ts';

/** How many of the best-placed named members get their streak weeks read with the board. */
const STREAK_CANDIDATES = 20;

/** Everything one board needs, read in one statement. */
export interface BoardRead {
  rows: ScoreRow[];
  previousTotal: number;
  /** Members with a learning summary in both of the two weeks asked about. */
  kept: ScoreRow[];
  totalsOnly: boolean;
  /** Summary weeks of the best-placed named members, and of the viewer. */
  summaryWeeks: Map<string, string[]>;
  viewer?: {
    weeks: Array<{ kind: string; events: number }>;
    optedOut: boolean;
    teamRules: Map<string, PointRule>;
  };
}

type Json = Array<[string, number, string, string, boolean]>;

function scoreRows(json: Json | null): ScoreRow[] {
  return (json ?? []).map(([userId, points, displayName, realName, optedOut]) => ({
    userId,
    points,
    displayName,
    realName,
    optedOut,
  }));
}

/**
 * One round trip for a board: the period's scores with names and opt-outs, the period before's
 * total, the streak keepers, the team's switches, the summary weeks of the best-placed named
 * members (ordered as rankEntries orders them: points, then lower-case name, then user id) and
 * the viewer's own weeks. Under load, each round trip costs more than the reading itself.
 */
export async function readBoard(
  db: Db,
  input: {
    teamId: string;
    period: Period;
    previousStart: string;
    weekBefore: string;
    asOf: string;
    viewerId: string | null;
  },
): Promise<BoardRead> {
  const { teamId, period, previousStart, weekBefore, asOf, viewerId } = input;
  const result = await sql<{
    scores: Json | null;
    previous_total: string | null;
    kept: Json | null;
    totals_only: boolean | null;
    summary_weeks: Array<[string, string]> | null;
    viewer_weeks: Array<[string, number]> | null;
    viewer_opted_out: boolean;
    team_rules: Array<[string, number, number]> | null;
  }>`
    WITH s AS (
      SELECT s.user_id, s.points, coalesce(m.display_name, '') AS dn, coalesce(m.real_name, '') AS rn,
             o.user_id IS NOT NULL AS opted_out
        FROM leaderboard_scores s
        LEFT JOIN members m ON m.team_id = s.team_id AND m.user_id = s.user_id
        LEFT JOIN leaderboard_optouts o ON o.team_id = s.team_id AND o.user_id = s.user_id
       WHERE s.team_id = ${teamId} AND s.span = ${period.span} AND s.period_start = ${period.start}
    ),
    best AS (
      SELECT user_id FROM s WHERE NOT opted_out AND points > 0
       ORDER BY points DESC,
                lower(coalesce(nullif(btrim(dn), ''), nullif(btrim(rn), ''), 'a teammate')) COLLATE "C",
                user_id COLLATE "C"
       LIMIT ${STREAK_CANDIDATES}
    ),
    kept AS (
      SELECT w.user_id FROM leaderboard_weeks w
       WHERE w.team_id = ${teamId} AND w.kind = 'summary.posted' AND w.week_start IN (${weekBefore}, ${asOf})
       GROUP BY w.user_id HAVING count(*) = 2
    )
    SELECT
      (SELECT json_agg(json_build_array(user_id, points, dn, rn, opted_out)) FROM s) AS scores,
      (SELECT sum(points) FROM leaderboard_scores
        WHERE team_id = ${teamId} AND span = ${period.span} AND period_start = ${previousStart}) AS previous_total,
      (SELECT json_agg(json_build_array(k.user_id, 0, coalesce(m.display_name, ''), coalesce(m.real_name, ''),
                                        o.user_id IS NOT NULL))
         FROM kept k
         LEFT JOIN members m ON m.team_id = ${teamId} AND m.user_id = k.user_id
         LEFT JOIN leaderboard_optouts o ON o.team_id = ${teamId} AND o.user_id = k.user_id) AS kept,
      (SELECT totals_only FROM leaderboard_settings WHERE team_id = ${teamId}) AS totals_only,
      (SELECT json_agg(json_build_array(w.user_id, w.week_start)) FROM leaderboard_weeks w
        WHERE w.team_id = ${teamId} AND w.kind = 'summary.posted' AND w.week_start <= ${asOf}
          AND w.user_id = ANY (ARRAY(SELECT user_id FROM best) || ${viewerId}::text)) AS summary_weeks,
      (SELECT json_agg(json_build_array(w.kind, w.events)) FROM leaderboard_weeks w
        WHERE w.team_id = ${teamId} AND w.user_id = ${viewerId}
          AND w.week_start BETWEEN ${period.firstWeek} AND ${period.lastWeek}) AS viewer_weeks,
      EXISTS (SELECT 1 FROM leaderboard_optouts WHERE team_id = ${teamId} AND user_id = ${viewerId})
        AS viewer_opted_out,
      (SELECT json_agg(json_build_array(kind, points, weekly_cap)) FROM leaderboard_team_points
        WHERE team_id = ${teamId}) AS team_rules
  `.execute(db);
  const row = result.rows[0];
  const summaryWeeks = new Map<string, string[]>();
  for (const [userId, week] of row?.summary_weeks ?? []) {
    summaryWeeks.set(userId, [...(summaryWeeks.get(userId) ?? []), week]);
  }
  return {
    rows: scoreRows(row?.scores ?? null),
    previousTotal: Number(row?.previous_total ?? 0),
    kept: scoreRows(row?.kept ?? null),
    totalsOnly: row?.totals_only ?? false,
    summaryWeeks,
    ...(viewerId
      ? {
          viewer: {
            weeks: (row?.viewer_weeks ?? []).map(([kind, events]) => ({ kind, events })),
            optedOut: row?.viewer_opted_out ?? false,
            teamRules: new Map(
              (row?.team_rules ?? []).map(([kind, points, weeklyCap]) => [kind, { points, weeklyCap }]),
            ),
          },
        }
      : {}),
  };
}
