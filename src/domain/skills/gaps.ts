import type { Rating } from './assessment.ts';

/** One skill's gap: how far the member's target is above their latest level. */
export interface Gap extends Rating {
  gap: number;
  /** The skill is a focal skill of the member's running sprint. */
  inSprint: boolean;
}

/** How many gaps get an action plan (docs/product/skills.md). */
export const TOP_GAPS = 3;

/**
 * Ranks the member's gaps (target − current of each skill's latest rating), largest first. Ties
 * go to the skills of the member's sprint focus, then to catalogue order. Only active skills
 * rated with a target above their level are gaps: an unrated skill never is, nor a retired one
 * (`catalogOrder` holds active skills only).
 */
export function rankGaps(
  latest: readonly Rating[],
  catalogOrder: ReadonlyMap<string, number>,
  sprintFocus: ReadonlySet<string>,
  limit = TOP_GAPS,
): Gap[] {
  return latest
    .filter((r) => catalogOrder.has(r.skillId) && r.target > r.level)
    .map((r) => ({ ...r, gap: r.target - r.level, inSprint: sprintFocus.has(r.skillId) }))
    .sort(
      (a, b) =>
        b.gap - a.gap ||
        Number(b.inSprint) - Number(a.inSprint) ||
        (catalogOrder.get(a.skillId) ?? 0) - (catalogOrder.get(b.skillId) ?? 0),
    )
    .slice(0, limit);
}
