/** Callback ids, field names and outbox kind of the leaderboard. */
export const LEADERBOARD_VIEWS = { settings: 'leaderboard_settings' } as const;

/** The weekly and monthly posts (prerendered: the board is final when the period is over). */
export const LEADERBOARD_POST_KIND = 'leaderboard.post';

export const SETTINGS_BLOCKS = {
  switches: 'switches',
  weekday: 'post_weekday',
  time: 'post_time',
} as const;

export const SWITCH_VALUES = { posts: 'posts_enabled', totalsOnly: 'totals_only' } as const;

/** The two inputs of one kind's rule: its points and its weekly cap. */
export function ruleFields(kind: string): [string, string] {
  return [`points:${kind}`, `cap:${kind}`];
}
