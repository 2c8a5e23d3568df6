import type { UnitOfWork } from '../../db/unit-of-work.ts';
import type { Clock } from '../clock.ts';
import { DomainError } from '../errors.ts';
import { localDateOf } from '../schedules/index.ts';
import { activeSkills, pickableSkill, validateSkillName } from './catalog.ts';
import { validateCheckinEvery } from './checkin-schedule.ts';
import type { SkillsStore } from './skills.service.ts';

/** A domain is rated on one modal page (two inputs a skill, 100 blocks a modal). */
export const MAX_SKILLS_PER_DOMAIN = 40;

/** Block ids of the admin form (and the fields of its errors). */
export const ADMIN_FIELDS = {
  addDomain: 'add_domain',
  addName: 'add_name',
  renameSkill: 'rename_skill',
  renameName: 'rename_name',
  retireSkill: 'retire_skill',
  checkinEvery: 'checkin_every',
} as const;

/** What the admin form asks for; every part is optional ('' = not filled). */
export interface CatalogAdminForm {
  addDomain: string;
  addName: string;
  renameSkill: string;
  renameName: string;
  retireSkill: string;
  checkinEvery: string;
}

export interface CatalogAdminResult {
  added: string | null;
  renamed: { from: string; to: string } | null;
  retired: string | null;
  checkinEvery: number | null;
}

/**
 * The admin's catalogue form: add, rename and retire skills and set the check-in cadence, all or
 * nothing in one transaction. A changed cadence counts from today (the team's date), so its
 * first check-in is the next work day at 10:00.
 */
export function createCatalogAdminService(deps: { uow: UnitOfWork<SkillsStore>; clock: Clock }) {
  return {
    async apply(
      admin: { teamId: string; userId: string; teamTz: string },
      form: CatalogAdminForm,
    ): Promise<CatalogAdminResult> {
      return deps.uow.run(async (repos) => {
        const catalog = await repos.catalog.catalog(admin.teamId);
        const result: CatalogAdminResult = { added: null, renamed: null, retired: null, checkinEvery: null };
        if (form.addName.trim() !== '' || form.addDomain !== '') {
          const domain = catalog.domains.find((d) => d.id === form.addDomain);
          if (!domain) {
            throw new DomainError(
              'skill_catalog_invalid',
              'Pick the domain the new skill belongs to.',
              ADMIN_FIELDS.addDomain,
            );
          }
          const inDomain = activeSkills(catalog).filter((s) => s.domainId === domain.id).length;
          if (inDomain >= MAX_SKILLS_PER_DOMAIN) {
            throw new DomainError(
              'skill_catalog_invalid',
              `${domain.name} has ${inDomain} skills, the most one form can rate. Retire one first, or add it to another domain.`,
              ADMIN_FIELDS.addDomain,
            );
          }
          const name = validateSkillName(catalog, form.addName, ADMIN_FIELDS.addName);
          await repos.catalog.addSkill(admin.teamId, domain.id, name);
          result.added = name;
        }
        if (form.renameSkill !== '' || form.renameName.trim() !== '') {
          if (form.renameSkill === '') {
            throw new DomainError(
              'skill_catalog_invalid',
              'Pick the skill to rename.',
              ADMIN_FIELDS.renameSkill,
            );
          }
          const skill = pickableSkill(catalog, form.renameSkill, ADMIN_FIELDS.renameSkill);
          const name = validateSkillName(catalog, form.renameName, ADMIN_FIELDS.renameName, skill.id);
          if (name === result.added) {
            throw new DomainError(
              'skill_catalog_invalid',
              `"${name}" is being added already.`,
              ADMIN_FIELDS.renameName,
            );
          }
          await repos.catalog.renameSkill(admin.teamId, skill.id, name);
          result.renamed = { from: skill.name, to: name };
        }
        if (form.retireSkill !== '') {
          const skill = pickableSkill(catalog, form.retireSkill, ADMIN_FIELDS.retireSkill);
          if (skill.id === form.renameSkill) {
            throw new DomainError(
              'skill_catalog_invalid',
              'Rename or retire a skill, not both at once.',
              ADMIN_FIELDS.retireSkill,
            );
          }
          await repos.catalog.retireSkill(admin.teamId, skill.id);
          result.retired = skill.name;
        }
        if (form.checkinEvery !== '') {
          const everyWeeks = validateCheckinEvery(form.checkinEvery, ADMIN_FIELDS.checkinEvery);
          const current = await repos.catalog.settings(admin.teamId);
          if (everyWeeks !== current.everyWeeks) {
            const anchor = localDateOf(deps.clock.now(), admin.teamTz);
            await repos.catalog.saveSettings(admin.teamId, { everyWeeks, anchor }, admin.userId);
            result.checkinEvery = everyWeeks;
          }
        }
        return result;
      });
    },
  };
}

export type CatalogAdminService = ReturnType<typeof createCatalogAdminService>;
