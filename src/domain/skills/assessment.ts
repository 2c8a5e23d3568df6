import { DomainError } from '../errors.ts';
import { type Catalog, pickableSkill } from './catalog.ts';

/** The 1-5 scale and what each level means (shown on every form). */
export const LEVELS: ReadonlyArray<{ level: number; name: string }> = [
  { level: 1, name: 'novice' },
  { level: 2, name: 'advanced beginner' },
  { level: 3, name: 'competent' },
  { level: 4, name: 'proficient' },
  { level: 5, name: 'expert' },
];

export function levelName(level: number): string {
  return LEVELS.find((l) => l.level === level)?.name ?? String(level);
}

/** One skill's rating in one assessment: where the member is, and where they want to be. */
export interface Rating {
  skillId: string;
  level: number;
  target: number;
}

export interface RatingRecord extends Rating {
  assessedAt: Date;
}

/** A skill's two most recent ratings (the history query's answer for one skill). */
export interface SkillHistory {
  latest: RatingRecord;
  previous: RatingRecord | null;
}

/** The form's field for a skill's current level and for its target (block ids on the modal). */
export const levelField = (skillId: string) => `level_${skillId}`;
export const targetField = (skillId: string) => `target_${skillId}`;

/** What a member submitted: per skill the level and target as picked ('' = left empty). */
export interface AssessmentForm {
  entries: ReadonlyArray<{ skillId: string; level: string; target: string }>;
  /** The member ticked "I mean a lower target" for targets below their current level. */
  confirmLowerTargets: boolean;
}

function parseScale(value: string, field: string, what: string): number {
  if (!/^[1-5]$/.test(value.trim())) {
    throw new DomainError(
      'skill_rating_invalid',
      `${what} goes from 1 (novice) to 5 (expert); "${value.slice(0, 10)}" is not on the scale.`,
      field,
    );
  }
  return Number(value.trim());
}

/**
 * Checks a self-assessment and returns its ratings; the first problem is thrown with the field it
 * belongs to, so nothing partial is stored. A member may rate a subset (untouched skills are left
 * out). An empty target keeps the previous target, or the current level when there is none or it
 * was passed. A target below the current level needs the member's confirmation.
 */
export function validateAssessment(
  form: AssessmentForm,
  catalog: Catalog,
  previous: ReadonlyMap<string, Rating>,
): Rating[] {
  const ratings: Rating[] = [];
  for (const entry of form.entries) {
    if (entry.level.trim() === '' && entry.target.trim() === '') continue;
    const field = levelField(entry.skillId);
    const skill = pickableSkill(catalog, entry.skillId, field);
    if (entry.level.trim() === '') {
      throw new DomainError(
        'skill_rating_invalid',
        `Rate where you are now in ${skill.name} as well as your target.`,
        field,
      );
    }
    const level = parseScale(entry.level, field, 'A rating');
    const before = previous.get(skill.id)?.target;
    const target =
      entry.target.trim() === ''
        ? Math.max(before ?? level, level)
        : parseScale(entry.target, targetField(skill.id), 'A target');
    if (target < level && !form.confirmLowerTargets) {
      throw new DomainError(
        'skill_target_below',
        `Your target (${target}) is below where you are now (${level}). Raise it, or tick "I mean a lower target" at the bottom to keep it.`,
        targetField(skill.id),
      );
    }
    ratings.push({ skillId: skill.id, level, target });
  }
  if (ratings.length === 0) {
    throw new DomainError('skill_rating_invalid', 'Rate at least one skill (1-5) before saving.');
  }
  return ratings;
}

/** How a skill's level moved since the assessment before. */
export type Change =
  | { kind: 'new' }
  | { kind: 'up'; by: number }
  | { kind: 'down'; by: number }
  | { kind: 'same' };

export function changeOf(latest: number, previous: number | null | undefined): Change {
  if (previous === null || previous === undefined) return { kind: 'new' };
  if (latest > previous) return { kind: 'up', by: latest - previous };
  if (latest < previous) return { kind: 'down', by: previous - latest };
  return { kind: 'same' };
}

/** `↑2`, `↓1`, `new` or `=`. */
export function changeLabel(change: Change): string {
  switch (change.kind) {
    case 'new':
      return 'new';
    case 'up':
      return `↑${change.by}`;
    case 'down':
      return `↓${change.by}`;
    default:
      return '=';
  }
}
