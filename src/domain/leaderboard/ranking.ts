/**
 * Orders names for ties: lower case, then code point by code point. Deliberately simple, so the
 * board's SQL (board.repository.ts) orders ties the same way when it picks whose streaks to read.
 */
export function byName(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x < y ? -1 : x > y ? 1 : 0;
}

/** One member's line on the board, before ranking. */
export interface Entry {
  userId: string;
  name: string;
  points: number;
}

export interface Ranked extends Entry {
  /** Competition ranking: equal points share a rank, the next rank skips (1, 2, 2, 4). */
  rank: number;
}

/**
 * Ranks members by points, most first. Ties share a rank; within a tie the order is stable and
 * independent of how the rows arrived: by name (ignoring case), then by user id. Members with
 * no points are not ranked.
 */
export function rankEntries(entries: readonly Entry[]): Ranked[] {
  const sorted = entries
    .filter((e) => e.points > 0)
    .sort(
      (a, b) =>
        b.points - a.points ||
        byName(a.name, b.name) ||
        (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0),
    );
  const ranked: Ranked[] = [];
  sorted.forEach((entry, i) => {
    const previous = ranked[i - 1];
    const rank = previous && previous.points === entry.points ? previous.rank : i + 1;
    ranked.push({ ...entry, rank });
  });
  return ranked;
}
