import type { KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import {
  LEVELS,
  levelField,
  levelName,
  type SkillHistory,
  targetField,
} from '../../../../domain/skills/assessment.ts';
import { activeSkills, type Catalog, type Skill } from '../../../../domain/skills/catalog.ts';
import { context, header, md, modal, option, plain, section } from '../../../kit/blocks.ts';
import { CONFIRM_LOWER, SKILL_ACTIONS, SKILL_BLOCKS, SKILL_VIEWS } from '../ids.ts';

/** Slack's limit of blocks in one modal. */
export const MAX_MODAL_BLOCKS = 100;

export function levelOptions(): PlainTextOption[] {
  return LEVELS.map((l) => option(`${l.level} · ${l.name}`, String(l.level)));
}

/** The scale, shown on every rating form. */
export function scaleLine(): string {
  return `*The scale:* ${LEVELS.map((l) => `${l.level} ${l.name}`).join(' · ')}`;
}

function lastRating(history: SkillHistory | undefined): string | undefined {
  if (!history) return undefined;
  const { level, target, assessedAt } = history.latest;
  return `Last time: ${level} (${levelName(level)}), target ${target}, on ${assessedAt.toISOString().slice(0, 10)}. Leave empty to keep it.`;
}

/** The two inputs of one skill: where the member is now and their target (both optional). */
export function skillInputs(skill: Skill, history: SkillHistory | undefined): KnownBlock[] {
  const hint = lastRating(history);
  return [
    {
      type: 'input',
      block_id: levelField(skill.id),
      optional: true,
      label: plain(`${skill.name}: where you are`, 2000),
      ...(hint ? { hint: plain(hint, 2000) } : {}),
      element: {
        type: 'static_select',
        action_id: levelField(skill.id),
        placeholder: plain('Not rated this time', 150),
        options: levelOptions(),
      },
    },
    {
      type: 'input',
      block_id: targetField(skill.id),
      optional: true,
      label: plain(`${skill.name}: your target`, 2000),
      element: {
        type: 'static_select',
        action_id: targetField(skill.id),
        placeholder: plain(history ? `Keep ${history.latest.target}` : 'Same as now', 150),
        options: levelOptions(),
      },
    },
  ];
}

/** The "I mean a lower target" confirmation, at the bottom of every rating form. */
export function confirmLowerBlock(): KnownBlock {
  return {
    type: 'input',
    block_id: SKILL_BLOCKS.confirmLower,
    optional: true,
    label: plain('Targets below your level', 2000),
    element: {
      type: 'checkboxes',
      action_id: SKILL_BLOCKS.confirmLower,
      options: [option('I mean a lower target where I set one', CONFIRM_LOWER)],
    },
  };
}

function domainBlocks(catalog: Catalog, domainIds: readonly string[], history: Map<string, SkillHistory>) {
  const skills = activeSkills(catalog);
  return catalog.domains
    .filter((d) => domainIds.includes(d.id))
    .flatMap((d) => {
      const own = skills.filter((s) => s.domainId === d.id);
      return own.length === 0
        ? []
        : [header(d.name), ...own.flatMap((s) => skillInputs(s, history.get(s.id)))];
    });
}

/** Domains holding at least one active skill, in catalogue order. */
export function ratedDomains(catalog: Catalog): string[] {
  const skills = activeSkills(catalog);
  return catalog.domains.filter((d) => skills.some((s) => s.domainId === d.id)).map((d) => d.id);
}

/**
 * The self-assessment form: each active skill rated 1-5 with a target, any subset. A catalogue
 * too large for one modal (100 blocks) shows one domain at a time, with a domain picker.
 */
export function assessmentModal(args: {
  catalog: Catalog;
  history: Map<string, SkillHistory>;
  domainId?: string | undefined;
}): ModalView {
  const domains = ratedDomains(args.catalog);
  const intro: KnownBlock[] = [
    section(
      'Rate where you are in each skill and where you want to be. Rate only the skills you want to; every save is kept as a new dated entry.',
    ),
    context(scaleLine()),
  ];
  const whole = domainBlocks(args.catalog, domains, args.history);
  const fits = intro.length + whole.length + 1 <= MAX_MODAL_BLOCKS;
  if (domains.length === 0) {
    return modal({
      callbackId: SKILL_VIEWS.notice,
      title: 'Skills',
      close: 'Close',
      blocks: [
        section(
          'Your team’s catalogue has no skills yet. Ask an admin to add some with `/careerplan skills admin`.',
        ),
      ],
    });
  }
  if (fits) {
    return modal({
      callbackId: SKILL_VIEWS.assessment,
      title: 'Assess your skills',
      submit: 'Save',
      blocks: [...intro, ...whole, confirmLowerBlock()],
      metadata: {},
    });
  }
  const current = domains.includes(args.domainId ?? '') ? (args.domainId as string) : (domains[0] as string);
  const picker: KnownBlock = {
    type: 'actions',
    block_id: SKILL_BLOCKS.domainPicker,
    elements: [
      {
        type: 'static_select',
        action_id: SKILL_ACTIONS.pickDomain,
        placeholder: plain('Domain', 150),
        options: args.catalog.domains.filter((d) => domains.includes(d.id)).map((d) => option(d.name, d.id)),
        initial_option: option(args.catalog.domains.find((d) => d.id === current)?.name ?? '', current),
      },
    ],
  };
  return modal({
    callbackId: SKILL_VIEWS.assessment,
    title: 'Assess your skills',
    submit: 'Save',
    blocks: [
      ...intro,
      section(md`Your catalogue is large, so it is rated one domain at a time. Pick a domain:`),
      picker,
      ...domainBlocks(args.catalog, [current], args.history),
      confirmLowerBlock(),
    ],
    metadata: { domainId: current },
  });
}
