import { DomainError } from '../errors.ts';

/**
 * The team's skills catalogue (docs/product/skills.md): domains, each holding skills. A retired
 * skill stays in the catalogue (its history is kept) but leaves the forms and the gaps.
 */
export interface SkillDomain {
  id: string;
  name: string;
  position: number;
}

export interface Skill {
  id: string;
  domainId: string;
  name: string;
  position: number;
  retired: boolean;
}

export interface Catalog {
  /** By position. */
  domains: SkillDomain[];
  /** Every skill, retired ones included, in catalogue order (domain, then position). */
  skills: Skill[];
}

/** What a new team starts with: five domains of three to six skills each. */
export const DEFAULT_CATALOG: ReadonlyArray<{ domain: string; skills: readonly string[] }> = [
  {
    domain: 'Core coding and design',
    skills: ['Testing strategies', 'Code review', 'Refactoring', 'API design'],
  },
  { domain: 'Platform and tooling', skills: ['CI/CD', 'Observability', 'Cloud and containers'] },
  {
    domain: 'Architecture',
    skills: ['System design', 'Distributed systems fundamentals', 'Data modelling'],
  },
  { domain: 'Collaboration', skills: ['Mentoring', 'Async communication', 'Giving feedback'] },
  { domain: 'Domain expertise', skills: ['Our product domain', 'Security', 'Performance and reliability'] },
];

/** Longest skill name (it must fit a select label with its level). */
export const MAX_SKILL_NAME = 60;

/** The skills members can rate and pick today, in catalogue order. */
export function activeSkills(catalog: Catalog): Skill[] {
  return catalog.skills.filter((s) => !s.retired);
}

/** Each active skill's place in the catalogue: the last tie-break of the gap ranking. */
export function catalogOrder(catalog: Catalog): Map<string, number> {
  return new Map(activeSkills(catalog).map((s, i) => [s.id, i]));
}

export function skillById(catalog: Catalog, id: string): Skill | undefined {
  return catalog.skills.find((s) => s.id === id);
}

/**
 * A skill picked on a form, checked against the catalogue as it is now: a form opened before an
 * admin retired the skill must not store a rating of it (`skill_retired`), and an id that is not
 * the team's is refused like a missing one (`skill_unknown`). Errors name `field`.
 */
export function pickableSkill(catalog: Catalog, id: string, field: string): Skill {
  const skill = skillById(catalog, id);
  if (!skill) {
    throw new DomainError(
      'skill_unknown',
      'That skill is not in your team’s catalogue any more. Open the form again for the current list.',
      field,
    );
  }
  if (skill.retired) {
    throw new DomainError(
      'skill_retired',
      `"${skill.name}" was retired by an admin, so it can no longer be picked. Open the form again for the current list.`,
      field,
    );
  }
  return skill;
}

/** A new or renamed skill's name: one line, 1-60 characters, not an active skill's name already. */
export function validateSkillName(catalog: Catalog, name: string, field: string, renaming?: string): string {
  const clean = name.replace(/\s+/g, ' ').trim();
  if (clean.length === 0) throw new DomainError('skill_catalog_invalid', 'Give the skill a name.', field);
  if (clean.length > MAX_SKILL_NAME) {
    throw new DomainError(
      'skill_catalog_invalid',
      `Keep the name to ${MAX_SKILL_NAME} characters (it has ${clean.length}).`,
      field,
    );
  }
  const taken = activeSkills(catalog).find(
    (s) => s.id !== renaming && s.name.toLowerCase() === clean.toLowerCase(),
  );
  if (taken)
    throw new DomainError('skill_catalog_invalid', `"${taken.name}" is in the catalogue already.`, field);
  return clean;
}
