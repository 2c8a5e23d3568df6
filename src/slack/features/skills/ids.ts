/**
 * Slack ids of the skills feature (skills inventory, check-ins, learning sprints). Ids ending in
 * `:` are prefixes: the button carries its record after the colon, matched with a RegExp.
 */
export const SKILL_ACTIONS = {
  /** The domain picker of a catalogue too large for one modal. */
  pickDomain: 'skills_pick_domain',
  openAssessment: 'skills_open_assessment',
  openSprintStart: 'skills_open_sprint_start',
  exportSprint: 'skills_export_sprint',
  postChart: 'skills_post_chart',
  /** `skills_plan_edit:<skillId>`: opens the action-plan form of one gap. */
  editPlan: 'skills_plan_edit:',
  /** `skills_plan_tick:<skillId>`, value `<part>:<0|1>`: ticks a part of a plan off (or back on). */
  tickPlan: 'skills_plan_tick:',
  /** Check-in DM buttons; value `<outbox row id>:<round>`. */
  checkinOpen: 'skills_checkin_open',
  checkinSnoozeHour: 'skills_checkin_snooze_1h',
  checkinSnoozeTomorrow: 'skills_checkin_snooze_tomorrow',
  checkinSkip: 'skills_checkin_skip',
  /** Retrospective DM buttons; value `<outbox row id>`. */
  retroOpen: 'skills_retro_open',
  retroNextSprint: 'skills_retro_next_sprint',
} as const;

export const SKILL_VIEWS = {
  assessment: 'skills_assessment',
  admin: 'skills_admin',
  actionPlan: 'skills_action_plan',
  checkin: 'skills_checkin',
  sprintStart: 'skills_sprint_start',
  retro: 'skills_retro',
  notice: 'skills_notice',
} as const;

/** Block ids outside the per-skill inputs. */
export const SKILL_BLOCKS = {
  confirmLower: 'confirm_lower',
  domainPicker: 'domain_picker',
  retroWentWell: 'retro_went_well',
  retroToChange: 'retro_to_change',
} as const;

/** The option value of "I mean a lower target". */
export const CONFIRM_LOWER = 'yes';
export const CONFIRM_REPLACE = 'yes';

/** Escapes a prefix for a RegExp that matches every id starting with it. */
export function actionPattern(prefix: string): RegExp {
  return new RegExp(`^${prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`);
}

export function idAfter(actionId: string, prefix: string): string {
  return actionId.startsWith(prefix) ? actionId.slice(prefix.length) : '';
}

/** `<rowId>:<round>` on a check-in button. */
export function outboxValue(rowId: string, round: number): string {
  return `${rowId}:${round}`;
}

export function parseOutboxValue(value: string | undefined): { rowId: string; round: number } | undefined {
  const match = /^(\d+):(\d+)$/.exec(value ?? '');
  return match ? { rowId: match[1] as string, round: Number(match[2]) } : undefined;
}
