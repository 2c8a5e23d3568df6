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
  // Skills and learning sprints (docs/product/skills.md, docs/product/sprints.md).
  | 'skill_catalog_invalid'
  | 'skill_unknown'
  | 'skill_retired'
  | 'skill_rating_invalid'
  | 'skill_target_below'
  | 'action_plan_invalid'
  | 'checkin_settings_invalid'
  | 'checkin_not_found'
  | 'sprint_invalid'
  | 'sprint_focus_invalid'
  | 'sprint_start_too_old'
  | 'sprint_not_found'
  // Feedback (docs/product/feedback.md): a request's people, question and due date; answers;
  // managers and how often feedback conversations come round.
  | 'feedback_args'
  | 'feedback_people_invalid'
  | 'feedback_question_invalid'
  | 'feedback_due_invalid'
  | 'feedback_answer_invalid'
  | 'feedback_closed'
  | 'feedback_already_responded'
  // An ask or conversation that is missing or someone else's: one answer for both.
  | 'feedback_not_found'
  | 'manager_invalid'
  | 'feedback_cadence_invalid'
  // A portfolio artifact as typed, or one that is missing or someone else's.
  | 'artifact_invalid'
  | 'artifact_not_found'
  | 'portfolio_args'
  // Promotion readiness (docs/product/readiness.md).
  | 'readiness_invalid'
  | 'readiness_args'
  // Delete-my-data (docs/product/delete-my-data.md).
  | 'erase_not_confirmed'
  | 'erase_refused'
  | 'erase_args'
  // A Slack Connect guest from another organisation: careerplan serves each workspace's own people.
  | 'external_user'
  // The team leaderboard: its command words and the admins' settings (docs/product/leaderboard.md).
  | 'leaderboard_args'
  | 'leaderboard_settings_invalid'
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
