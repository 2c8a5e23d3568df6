import { DomainError } from '../errors.ts';

/** The three parts of a gap's action plan, each ticked off on its own. */
export const PLAN_PARTS = ['read', 'practice', 'show'] as const;
export type PlanPart = (typeof PLAN_PARTS)[number];

export const PLAN_PART_LABELS: Readonly<Record<PlanPart, string>> = {
  read: 'Read',
  practice: 'Practice',
  show: 'Show progress',
};

export interface ActionPlan {
  skillId: string;
  read: string;
  readUrl: string | null;
  practice: string;
  show: string;
  done: Readonly<Record<PlanPart, boolean>>;
}

export interface ActionPlanInput {
  read: string;
  readUrl: string;
  practice: string;
  show: string;
}

/** Block ids of the action-plan form (and the fields of its errors). */
export const PLAN_FIELDS = {
  read: 'plan_read',
  readUrl: 'plan_read_url',
  practice: 'plan_practice',
  show: 'plan_show',
} as const;

const MAX_TEXT = 300;

function part(text: string, field: string, what: string): string {
  const clean = text.trim();
  if (clean.length === 0) throw new DomainError('action_plan_invalid', `Say ${what}.`, field);
  if (clean.length > MAX_TEXT) {
    throw new DomainError('action_plan_invalid', `Keep it to ${MAX_TEXT} characters.`, field);
  }
  return clean;
}

/** Checks the plan form: three parts of free text, and an optional http(s) link for reading. */
export function validateActionPlan(input: ActionPlanInput): Omit<ActionPlan, 'skillId' | 'done'> {
  const read = part(input.read, PLAN_FIELDS.read, 'what you will read or study');
  const practice = part(input.practice, PLAN_FIELDS.practice, 'where you will practise it');
  const show = part(input.show, PLAN_FIELDS.show, 'what you will produce to show progress');
  const url = input.readUrl.trim();
  if (url !== '' && (!/^https?:\/\/\S+$/i.test(url) || url.length > 500)) {
    throw new DomainError(
      'action_plan_invalid',
      'The link should be a web address starting with https://, or leave it empty.',
      PLAN_FIELDS.readUrl,
    );
  }
  return { read, readUrl: url === '' ? null : url, practice, show };
}

export function isPlanPart(value: string): value is PlanPart {
  return (PLAN_PARTS as readonly string[]).includes(value);
}
