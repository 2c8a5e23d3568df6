import type { ActivityKind } from './activity.ts';

/**
 * What one kind of activity is worth on the team leaderboard (docs/product/leaderboard.md):
 * `points` per event, and at most `weeklyCap` events of the kind count per member per week, so
 * volume cannot win.
 */
export interface PointRule {
  points: number;
  weeklyCap: number;
}

/**
 * The default points of every kind that scores. A source declares its kind's points here, next to
 * the kind itself, without touching the leaderboard; admins edit them per team; a kind missing
 * from this table scores nothing.
 */
export const DEFAULT_POINTS: Readonly<Partial<Record<ActivityKind, PointRule>>> = {
  'summary.posted': { points: 3, weeklyCap: 1 },
  'review.attended': { points: 2, weeklyCap: 1 },
  'review.presented': { points: 5, weeklyCap: 1 },
  'feedback.given': { points: 3, weeklyCap: 3 },
  'skill_checkin.done': { points: 2, weeklyCap: 1 },
  'key_result.moved': { points: 1, weeklyCap: 3 },
  'contribution.logged': { points: 3, weeklyCap: 1 },
};

/** Bounds an admin can set (and the stored defaults must respect). */
export const POINT_LIMITS = { maxPoints: 100, maxWeeklyCap: 50 } as const;
