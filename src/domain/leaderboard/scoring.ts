import { DEFAULT_POINTS, POINT_LIMITS, type PointRule } from '../activity/points.ts';
import { DomainError } from '../errors.ts';

/** The rules in force for a team, by activity kind (kinds missing score nothing). */
export type PointRules = ReadonlyMap<string, PointRule>;

/** The code's defaults with a team's edits on top. */
export function effectiveRules(
  overrides: ReadonlyMap<string, PointRule>,
  defaults: Readonly<Partial<Record<string, PointRule>>> = DEFAULT_POINTS,
): PointRules {
  const rules = new Map<string, PointRule>();
  for (const [kind, rule] of Object.entries(defaults)) if (rule) rules.set(kind, rule);
  for (const [kind, rule] of overrides) rules.set(kind, rule);
  return rules;
}

/** How one kind scored for a member: events counted (up to the cap each week) × points. */
export interface ScoreLine {
  kind: string;
  events: number;
  counted: number;
  points: number;
}

/**
 * A member's points from their weekly counts: for each week and kind, at most `weeklyCap` events
 * count, each worth `points`. The roll-up's triggers apply the same rule event by event
 * (leaderboard_count in the migration); an integration test holds the two to the same answer.
 */
export function scoreWeeks(
  weeks: ReadonlyArray<{ kind: string; events: number }>,
  rules: PointRules,
): { total: number; lines: ScoreLine[] } {
  const byKind = new Map<string, ScoreLine>();
  for (const { kind, events } of weeks) {
    const rule = rules.get(kind);
    const counted = rule ? Math.min(events, rule.weeklyCap) : 0;
    const line = byKind.get(kind) ?? { kind, events: 0, counted: 0, points: 0 };
    line.events += events;
    line.counted += counted;
    line.points += counted * (rule?.points ?? 0);
    byKind.set(kind, line);
  }
  const lines = [...byKind.values()].sort((a, b) => b.points - a.points || a.kind.localeCompare(b.kind));
  return { total: lines.reduce((sum, l) => sum + l.points, 0), lines };
}

/** An admin's value for a rule, a whole number within bounds; errors name the field. */
export function parseRuleNumber(text: string, what: 'points' | 'weeklyCap', field: string): number {
  const value = Number(text.trim());
  const max = what === 'points' ? POINT_LIMITS.maxPoints : POINT_LIMITS.maxWeeklyCap;
  if (text.trim() === '' || !Number.isInteger(value) || value < 0 || value > max) {
    throw new DomainError(
      'leaderboard_settings_invalid',
      `Enter a whole number from 0 to ${max}${what === 'points' ? ' (0 stops the habit scoring)' : ''}.`,
      field,
    );
  }
  return value;
}
