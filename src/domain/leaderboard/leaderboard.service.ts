import type { UnitOfWork } from '../../db/unit-of-work.ts';
import { DEFAULT_POINTS, type PointRule } from '../activity/points.ts';
import type { Clock } from '../clock.ts';
import { addDays } from '../schedules/index.ts';
import type { BoardRead, readBoard } from './board.repository.ts';
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

/** What one board read asks for. */
export type BoardQuery = Parameters<typeof readBoard>[1];

export const SETTINGS_FIELDS = { weekday: 'post_weekday', time: 'post_time' } as const;

type Reads = Pick<LeaderboardRepository, 'settings' | 'teamRules' | 'optOut' | 'optIn'>;

/**
 * The team leaderboard's rules around its storage (docs/product/leaderboard.md): standings of a
 * period with streaks, the viewer's own rank and points, opt-out, and the admins' settings.
 */
export function createLeaderboardService(deps: {
  repository: Reads;
  /** Reads one board in one round trip (board.repository.ts). */
  readBoard(input: BoardQuery): Promise<BoardRead>;
  uow: UnitOfWork<Pick<LeaderboardRepository, 'saveSettings'>>;
  teamZone(teamId: string): Promise<string>;
  clock: Clock;
}) {
  const repo = deps.repository;

  async function rulesOf(teamId: string): Promise<PointRules> {
    return effectiveRules(await repo.teamRules(teamId));
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
    const read = await deps.readBoard({
      teamId,
      period,
      previousStart: previousPeriod(period).start,
      weekBefore: addDays(asOf, -7),
      asOf,
      viewerId: viewerId ?? null,
    });
    const ranked = rankBoard(read.rows);
    const top = topLines(ranked);
    const streak = (userId: string) => streakOf(read.summaryWeeks.get(userId) ?? [], asOf, inProgress);
    let viewer: Viewer | undefined;
    if (viewerId && read.viewer) {
      const rules = effectiveRules(read.viewer.teamRules);
      // The breakdown is worked out here; the points shown are the roll-up's, which rank the board.
      const scored = scoreWeeks(read.viewer.weeks, rules);
      viewer = {
        userId: viewerId,
        rank: ranked.find((r) => r.userId === viewerId)?.rank,
        points: read.rows.find((r) => r.userId === viewerId)?.points ?? 0,
        streak: streak(viewerId),
        optedOut: read.viewer.optedOut,
        // Habits that score; activity that earns nothing (a portfolio artifact) is not listed.
        lines: scored.lines.filter((l) => (rules.get(l.kind)?.points ?? 0) > 0),
      };
    }
    const named = read.kept.filter((r) => !r.optedOut);
    return {
      period,
      inProgress,
      totalsOnly: read.totalsOnly,
      total: read.rows.reduce((sum, r) => sum + r.points, 0),
      previousTotal: read.previousTotal,
      scorers: read.rows.length,
      top: top.map((t) => ({ ...t, streak: streak(t.userId) })),
      ranked: ranked.length,
      kept: named.map(boardName).sort(byName),
      keptUnnamed: read.kept.length - named.length,
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
