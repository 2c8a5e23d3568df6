import type { ScoreRow } from './leaderboard.repository.ts';
import type { Period } from './periods.ts';
import { type Ranked, rankEntries } from './ranking.ts';
import type { ScoreLine } from './scoring.ts';
import type { Streak } from './streaks.ts';

/** How many ranks a board names. */
export const TOP = 10;
/** Ties at the last rank can lengthen the list; never beyond this many lines. */
const MAX_LINES = 15;

/**
 * A member's name on the board: their display name, else their real name. Never a mention — the
 * board names people without notifying them — and never their user id.
 */
export function boardName(row: Pick<ScoreRow, 'displayName' | 'realName'>): string {
  return row.displayName.trim() || row.realName.trim() || 'a teammate';
}

export interface BoardLine extends Ranked {
  streak: Streak;
}

/** The member asking (`/careerplan leaderboard`), even when outside the top. */
export interface Viewer {
  userId: string;
  /** Their rank among named members; undefined when they have no points or opted out. */
  rank: number | undefined;
  points: number;
  streak: Streak;
  optedOut: boolean;
  /** Their points by habit in the period. */
  lines: ScoreLine[];
}

/** What a post or the ephemeral standings show. */
export interface Board {
  period: Period;
  /** The period is still running (the command); posts are about finished periods. */
  inProgress: boolean;
  totalsOnly: boolean;
  /** Every member's points, opted-out members included. */
  total: number;
  previousTotal: number;
  /** Members who scored (named or not). */
  scorers: number;
  /** Named members ranked, top {@link TOP} ranks. */
  top: BoardLine[];
  /** How many named members are ranked in all. */
  ranked: number;
  /** Names of members who kept their learning-summary streak in the period's last week. */
  kept: string[];
  /** Members who kept their streak but opted out of being named. */
  keptUnnamed: number;
  viewer?: Viewer;
}

/** Ranks the named members (opted-out members only count in the total). */
export function rankBoard(rows: readonly ScoreRow[]): Ranked[] {
  return rankEntries(
    rows.filter((r) => !r.optedOut).map((r) => ({ userId: r.userId, name: boardName(r), points: r.points })),
  );
}

/** The lines a board names: every member ranked within the top ranks, within the line limit. */
export function topLines(ranked: readonly Ranked[]): Ranked[] {
  return ranked.filter((r) => r.rank <= TOP).slice(0, MAX_LINES);
}

/** Week-on-week (or month-on-month) change, signed: `+8`, `−3`, `±0`. */
export function signedChange(now: number, before: number): string {
  const change = now - before;
  if (change > 0) return `+${change}`;
  if (change < 0) return `−${Math.abs(change)}`;
  return '±0';
}
