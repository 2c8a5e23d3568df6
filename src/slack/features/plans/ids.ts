/**
 * Slack ids of the career-plan feature (north star, ladder, milestones, OKRs). Ids that end in
 * `:` are prefixes: each button carries its record id after the colon so ids stay unique in one
 * message or view, and listeners match them with {@link actionPattern}.
 */
export const PLAN_ACTIONS = {
  /** Home / list buttons that open a form. */
  openGoal: 'plans_open_goal',
  openLadder: 'plans_open_ladder',
  openMilestoneAdd: 'plans_open_milestone_add',
  openOkrAdd: 'plans_open_okr_add',
  exportPlan: 'plans_export_plan',
  /** Milestone buttons, one per milestone: `plans_ms_done:<id>` etc. */
  milestoneDone: 'plans_ms_done:',
  milestoneDrop: 'plans_ms_drop:',
  milestoneStart: 'plans_ms_start:',
  milestoneReopen: 'plans_ms_reopen:',
  /** Overflow menus: value `<verb>:<id>`. */
  milestoneMenu: 'plans_ms_menu:',
  objectiveMenu: 'plans_obj_menu:',
  keyResultMenu: 'plans_kr_menu:',
} as const;

/** Overflow-menu verbs (the option value is `<verb>:<id>`). */
export const MENU_VERBS = {
  checkIn: 'checkin',
  edit: 'edit',
  archive: 'archive',
  addKeyResult: 'add_kr',
  done: 'done',
  drop: 'drop',
  start: 'start',
  reopen: 'reopen',
} as const;

export const PLAN_VIEWS = {
  goal: 'plans_goal',
  ladder: 'plans_ladder',
  milestoneAdd: 'plans_milestone_add',
  okrAdd: 'plans_okr_add',
  keyResultAdd: 'plans_kr_add',
  objectiveEdit: 'plans_objective_edit',
  keyResultEdit: 'plans_kr_edit',
  checkIn: 'plans_checkin',
  notice: 'plans_notice',
} as const;

/** Block ids of the add-objective form outside the key-result slots. */
export const OKR_BLOCKS = {
  quarter: 'quarter',
  objective: 'objective',
  confirmThird: 'confirmThird',
} as const;

/**
 * The action id of a modal input: the block id again (the block id names the field). Slack wants
 * action ids unique within a view, so one shared action id for every input would not do.
 */
export function inputAction(blockId: string): string {
  return blockId;
}

/** Matches every action id that starts with `prefix` (for the per-record ids above). */
export function actionPattern(prefix: string): RegExp {
  return new RegExp(`^${prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`);
}

/** The record id carried after the prefix of a per-record action id. */
export function idFromAction(actionId: string, prefix: string): string {
  return actionId.startsWith(prefix) ? actionId.slice(prefix.length) : '';
}
