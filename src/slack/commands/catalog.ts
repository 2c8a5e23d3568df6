/**
 * The `/careerplan` vocabulary (docs/product/commands.md), in the order help shows it. Features
 * bring their own help entries (SlackFeature.help); a word here that no feature handles yet is
 * listed once, on help's "coming soon" line, and `/careerplan <word>` says it is coming.
 */
export const VOCABULARY: readonly string[] = [
  'help',
  'goal',
  'ladder',
  'milestone',
  'okr',
  'skills',
  'sprint',
  'summary',
  'ritual',
  'review',
  'contributions',
  'feedback',
  'manager',
  'portfolio',
  'readiness',
  'export',
  'leaderboard',
  'pause',
  'resume',
  'ooo',
  'team',
  'delete-my-data',
];

export const VOCABULARY_NAMES: ReadonlySet<string> = new Set(VOCABULARY);

/** Where a subcommand goes in help: its place in the vocabulary, or after it. */
export function vocabularyOrder(name: string): number {
  const at = VOCABULARY.indexOf(name);
  return at < 0 ? VOCABULARY.length : at;
}
