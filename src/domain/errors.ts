/**
 * Every code a DomainError can carry. A union rather than `string` so a typo fails to compile and
 * a reader can see every way a product rule refuses input in one place. Add a code here when a
 * new rule needs one; keep codes stable once shipped, since tests and callers match on them.
 */
export type DomainErrorCode =
  // Who may do it: the action is for admins only (docs/product/ground-rules.md).
  | 'admin_only'
  // The words after a subcommand cannot be read; the message shows a working example.
  | 'ritual_args'
  | 'okr_progress_args'
  | 'pause_args'
  | 'ooo_args'
  // Dates, times, zones and schedules (shared by rituals and plans).
  | 'cadence_invalid'
  | 'date_invalid'
  | 'date_range_invalid'
  | 'time_invalid'
  | 'time_zone_invalid'
  | 'work_week_invalid'
  | 'horizon_invalid'
  // Rituals and the team calendar (docs/product/rituals.md).
  | 'ritual_unknown'
  | 'ritual_not_runnable'
  | 'ritual_paused'
  | 'setup_invalid'
  | 'team_invalid'
  // The career plan: ladder, north star, milestones, OKRs (docs/product/career-plan.md).
  | 'ladder_invalid'
  | 'north_star_invalid'
  | 'milestone_invalid'
  | 'milestone_transition_invalid'
  | 'okr_objective_invalid'
  | 'okr_objective_limit'
  | 'okr_kr_invalid'
  | 'okr_kr_limit'
  | 'okr_progress_invalid'
  | 'quarter_invalid'
  // A plan record that is missing or someone else's: one answer for both, so ids reveal nothing.
  | 'plan_not_found'
  // The impact portfolio: a logged contribution (docs/product/portfolio.md).
  | 'contribution_invalid'
  // The learning hour: summaries and the digest (docs/product/rituals.md).
  | 'summary_empty'
  | 'summary_too_long'
  | 'summary_invalid'
  | 'digest_unavailable'
  // The design review: rotation, swaps, topic, attendance (docs/product/rituals.md).
  | 'review_args'
  | 'review_membership'
  | 'review_not_allowed'
  | 'review_over';

/**
 * A rule of the product was broken by the caller's input or state. The `code` is stable (tests and
 * callers that must tell refusals apart match on it); the message is written for the end user and
 * the Slack edge shows it as is; `field` names the offending input so a modal can show the error in
 * place.
 */
export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}
