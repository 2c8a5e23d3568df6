import type { UnitOfWork } from '../../db/unit-of-work.ts';
import { DEFAULT_POINTS, type PointRule } from '../activity/points.ts';
import type { Clock } from '../clock.ts';
import { addDays } from '../schedules/index.ts';
import { type Board, boardName, rankBoard, topLines, type Viewer } from './board.ts';
import type { LeaderboardRepository } from './leaderboard.repository.ts';
import { type Period, periodOf, previousPeriod, type Span, weekAt } from './periods.ts';
import { byName } from './ranking.ts';
import { effectiveRules, type PointRules, parseRuleNumber, scoreWeeks } from './scoring.ts';
import { type LeaderboardSettings, parsePostSchedule } from './settings.ts';
import { streakOf } from './streaks.ts';

/** What an admin submits in the settings modal (text as typed; validated here). */
export interface SettingsInput {
  postsEnabled: boolean;
  totalsOnly: boolean;
  weekday: string;
  time: string;
  /** Per kind: points and weekly cap as typed, with the modal fields they came from. */
  rules: ReadonlyArray<{ kind: string; points: string; weeklyCap: string; fields: [string, string] }>;
}

export const SETTINGS_FIELDS = { weekday: 'post_weekday', time: 'post_time' } as const;

type Reads = Pick<
  LeaderboardRepository,
  | 'scores'
  | 'total'
  | 'summaryWeeks'
  | 'summaryInBoth'
  | 'memberWeeks'
  | 'isOptedOut'
  | 'settings'
  | 'teamRules'
  | 'optOut'
  | 'optIn'
>;

/**
 * The team leaderboard's rules around its storage (docs/product/leaderboard.md): standings of a
 * period with streaks, the viewer's own rank and points, opt-out, and the admins' settings.
 */
export function createLeaderboardService(deps: {
  repository: Reads;
  uow: UnitOfWork<Pick<LeaderboardRepository, 'saveSettings'>>;
  teamZone(teamId: string): Promise<string>;
  clock: Clock;
}) {
  const repo = deps.repository;

  async function rulesOf(teamId: string): Promise<PointRules> {
    return effectiveRules(await repo.teamRules(teamId));
  }

  /** What the viewer's own line needs; read alongside the board's rows. */
  async function viewerParts(teamId: string, userId: string, period: Period, asOf: string) {
    const [weeks, rules, optedOut, summaries] = await Promise.all([
      repo.memberWeeks(teamId, userId, period),
      rulesOf(teamId),
      repo.isOptedOut(teamId, userId),
      repo.summaryWeeks(teamId, [userId], asOf),
    ]);
    return { weeks, rules, optedOut, summaryWeeks: summaries.get(userId) ?? [] };
  }

  function viewerOf(
    userId: string,
    parts: Awaited<ReturnType<typeof viewerParts>>,
    board: { asOf: string; inProgress: boolean; ranked: ReturnType<typeof rankBoard>; points: number },
  ): Viewer {
    // The breakdown is worked out here; the points shown are the roll-up's, which rank the board.
    const scored = scoreWeeks(parts.weeks, parts.rules);
    return {
      userId,
      rank: board.ranked.find((r) => r.userId === userId)?.rank,
      points: board.points,
      streak: streakOf(parts.summaryWeeks, board.asOf, board.inProgress),
      optedOut: parts.optedOut,
      // Habits that score; activity that earns nothing (a portfolio artifact) is not listed.
      lines: scored.lines.filter((l) => (parts.rules.get(l.kind)?.points ?? 0) > 0),
    };
  }

  /**
   * The board of one period: ranks, the top members' streaks, the team's total against the
   * period before, who kept their streak in its last week, and the viewer's own line.
   */
  async function board(input: {
    teamId: string;
    period: Period;
    inProgress: boolean;
    asOf: string;
    viewerId?: string;
  }): Promise<Board> {
    const { teamId, period, asOf, inProgress, viewerId } = input;
    // Two round trips: everything that does not depend on the ranks at once, then the streaks
    // of the members the board names.
    const [rows, previousTotal, keptRows, settings, mine] = await Promise.all([
      repo.scores(teamId, period.span, period.start),
      repo.total(teamId, period.span, previousPeriod(period).start),
      repo.summaryInBoth(teamId, addDays(asOf, -7), asOf),
      repo.settings(teamId),
      viewerId ? viewerParts(teamId, viewerId, period, asOf) : undefined,
    ]);
    const ranked = rankBoard(rows);
    const top = topLines(ranked);
    const streakWeeks = await repo.summaryWeeks(
      teamId,
      top.map((t) => t.userId),
      asOf,
    );
    const viewer =
      viewerId && mine
        ? viewerOf(viewerId, mine, {
            asOf,
            inProgress,
            ranked,
            points: rows.find((r) => r.userId === viewerId)?.points ?? 0,
          })
        : undefined;
    const named = keptRows.filter((r) => !r.optedOut);
    return {
      period,
      inProgress,
      totalsOnly: settings.totalsOnly,
      total: rows.reduce((sum, r) => sum + r.points, 0),
      previousTotal,
      scorers: rows.length,
      top: top.map((t) => ({ ...t, streak: streakOf(streakWeeks.get(t.userId) ?? [], asOf, inProgress) })),
      ranked: ranked.length,
      kept: named.map(boardName).sort(byName),
      keptUnnamed: keptRows.length - named.length,
      ...(viewer ? { viewer } : {}),
    };
  }

  return {
    /** `/careerplan leaderboard [span]`: the period running now, with the member's own line. */
    async standingsNow(teamId: string, span: Span, viewerId: string): Promise<Board> {
      const week = weekAt(deps.clock.now(), await deps.teamZone(teamId));
      return board({ teamId, period: periodOf(span, week), inProgress: true, asOf: week, viewerId });
    },

    /** A finished period's board, for its post. */
    finished(teamId: string, period: Period): Promise<Board> {
      return board({ teamId, period, inProgress: false, asOf: period.lastWeek });
    },

    /** True when it changed anything. */
    optOut: (teamId: string, userId: string) => repo.optOut(teamId, userId),
    optIn: (teamId: string, userId: string) => repo.optIn(teamId, userId),

    settings: (teamId: string) => repo.settings(teamId),
    rules: rulesOf,

    /**
     * Validates and saves an admin's settings; errors name their field and nothing is stored.
     * Only rules that differ from the code's defaults are kept as the team's edits, so a later
     * change of a default reaches every team that did not change that rule.
     */
    async saveSettings(teamId: string, input: SettingsInput): Promise<LeaderboardSettings> {
      const schedule = parsePostSchedule({ weekday: input.weekday, time: input.time }, SETTINGS_FIELDS);
      const edits = new Map<string, PointRule>();
      for (const rule of input.rules) {
        const points = parseRuleNumber(rule.points, 'points', rule.fields[0]);
        const weeklyCap = parseRuleNumber(rule.weeklyCap, 'weeklyCap', rule.fields[1]);
        const fallback = (DEFAULT_POINTS as Readonly<Record<string, PointRule | undefined>>)[rule.kind];
        if (fallback?.points !== points || fallback.weeklyCap !== weeklyCap) {
          edits.set(rule.kind, { points, weeklyCap });
        }
      }
      const settings: LeaderboardSettings = {
        postsEnabled: input.postsEnabled,
        totalsOnly: input.totalsOnly,
        ...schedule,
      };
      await deps.uow.run((r) => r.saveSettings(teamId, settings, edits));
      return settings;
    },
  };
}

export type LeaderboardService = ReturnType<typeof createLeaderboardService>;
