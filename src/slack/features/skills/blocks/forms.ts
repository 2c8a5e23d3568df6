import type { KnownBlock, ModalView } from '@slack/types';
import { type ActionPlan, PLAN_FIELDS } from '../../../../domain/skills/action-plan.ts';
import { activeSkills, type Catalog, type Skill } from '../../../../domain/skills/catalog.ts';
import { ADMIN_FIELDS } from '../../../../domain/skills/catalog-admin.service.ts';
import { CHECKIN_CADENCES, type CheckinSettings } from '../../../../domain/skills/checkin-schedule.ts';
import { context, md, modal, option, section, selectInput, textInput } from '../../../kit/blocks.ts';
import { SKILL_BLOCKS, SKILL_VIEWS } from '../ids.ts';

function cadenceText(weeks: number): string {
  if (weeks === 0) return 'Off';
  return weeks === 1 ? 'Every week' : `Every ${weeks} weeks`;
}

/** The catalogue, one line per domain (retired skills left out). */
export function catalogLines(catalog: Catalog): string {
  const skills = activeSkills(catalog);
  return catalog.domains
    .map((d) => {
      const names = skills.filter((s) => s.domainId === d.id).map((s) => s.name);
      return md`*${d.name}:* ${names.length > 0 ? names.join(', ') : '—'}`;
    })
    .join('\n');
}

function skillOptions(catalog: Catalog) {
  return activeSkills(catalog)
    .slice(0, 100)
    .map((s) => option(s.name, s.id));
}

/**
 * The admin form: add a skill, rename one, retire one, and the check-in cadence; every part is
 * optional and the whole form is applied at once.
 */
export function adminModal(catalog: Catalog, settings: CheckinSettings): ModalView {
  const blocks: KnownBlock[] = [
    section(`*Your team’s catalogue*\n${catalogLines(catalog)}`),
    context(
      'Fill in only what you want to change. A retired skill keeps everyone’s history but leaves the forms.',
    ),
    selectInput(
      ADMIN_FIELDS.addDomain,
      'Add a skill to',
      catalog.domains.map((d) => option(d.name, d.id)),
      { optional: true },
    ),
    textInput(ADMIN_FIELDS.addName, 'New skill', {
      optional: true,
      maxLength: 60,
      placeholder: 'e.g. Incident response',
    }),
  ];
  if (activeSkills(catalog).length > 0) {
    blocks.push(
      selectInput(ADMIN_FIELDS.renameSkill, 'Rename a skill', skillOptions(catalog), { optional: true }),
      textInput(ADMIN_FIELDS.renameName, 'New name', { optional: true, maxLength: 60 }),
      selectInput(ADMIN_FIELDS.retireSkill, 'Retire a skill', skillOptions(catalog), { optional: true }),
    );
  }
  blocks.push(
    selectInput(
      ADMIN_FIELDS.checkinEvery,
      'Skill check-in DMs',
      CHECKIN_CADENCES.map((w) => option(cadenceText(w), String(w))),
      {
        initial: String(settings.everyWeeks),
        hint: 'At 10:00 each member’s time, on the first work day of each cycle. A new cadence counts from today.',
      },
    ),
  );
  return modal({ callbackId: SKILL_VIEWS.admin, title: 'Skills catalogue', submit: 'Save', blocks });
}

/** The action plan of one gap: read (with an optional link), practice, show progress. */
export function actionPlanModal(skill: Skill, plan: ActionPlan | null): ModalView {
  return modal({
    callbackId: SKILL_VIEWS.actionPlan,
    title: 'Action plan',
    submit: 'Save',
    metadata: { skillId: skill.id },
    blocks: [
      section(md`How will you close the gap in *${skill.name}*?`),
      textInput(PLAN_FIELDS.read, 'Read: what will you study?', {
        initial: plan?.read ?? null,
        maxLength: 300,
        placeholder: 'A book, a course, a paper, a colleague’s code',
      }),
      textInput(PLAN_FIELDS.readUrl, 'Link (optional)', {
        initial: plan?.readUrl ?? null,
        maxLength: 500,
        optional: true,
        placeholder: 'https://…',
      }),
      textInput(PLAN_FIELDS.practice, 'Practice: a concrete task', {
        initial: plan?.practice ?? null,
        maxLength: 300,
        placeholder: 'Where you will use it at work',
      }),
      textInput(PLAN_FIELDS.show, 'Show progress: an artifact to produce', {
        initial: plan?.show ?? null,
        maxLength: 300,
        placeholder: 'A demo, a write-up, a merged change others can see',
      }),
    ],
  });
}

/** The end-of-sprint retrospective. */
export function retroModal(sprintId: string, outboxRowId: string | null): ModalView {
  return modal({
    callbackId: SKILL_VIEWS.retro,
    title: 'Sprint retrospective',
    submit: 'Save',
    metadata: { sprintId, ...(outboxRowId ? { rowId: outboxRowId } : {}) },
    blocks: [
      section('Twelve weeks done. Two short answers, for you and your next sprint.'),
      textInput(SKILL_BLOCKS.retroWentWell, 'What went well?', { multiline: true, maxLength: 1000 }),
      textInput(SKILL_BLOCKS.retroToChange, 'What would you change next time?', {
        multiline: true,
        maxLength: 1000,
      }),
    ],
  });
}
