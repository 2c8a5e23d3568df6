/** How each scoring kind of activity reads in Slack; a kind not listed shows as itself. */
const HABITS: Readonly<Record<string, string>> = {
  'summary.posted': 'Learning summaries',
  'review.attended': 'Design reviews attended',
  'review.presented': 'Design reviews presented',
  'feedback.given': 'Feedback given',
  'skill_checkin.done': 'Skill check-ins',
  'key_result.moved': 'Key-result check-ins',
  'contribution.logged': 'Contributions logged',
};

export function habitName(kind: string): string {
  return HABITS[kind] ?? kind;
}
