import type { KnownBlock, ModalView, PlainTextElement, PlainTextOption } from '@slack/types';

type OptionGroup = { label: PlainTextElement; options: PlainTextOption[] };

import { activeSkills, type Catalog } from '../../../../domain/skills/catalog.ts';
import type { TopGap } from '../../../../domain/skills/skills.service.ts';
import type { SprintRecord } from '../../../../domain/sprints/sprint.repository.ts';
import type { SprintView } from '../../../../domain/sprints/sprint.service.ts';
import {
  CONSOLIDATION_WEEK,
  goalField,
  SPRINT_FIELDS,
  SPRINT_WEEKS,
  type SprintPhase,
} from '../../../../domain/sprints/sprint.ts';
import {
  context,
  cut,
  line,
  md,
  modal,
  option,
  plain,
  raw,
  section,
  textInput,
} from '../../../kit/blocks.ts';
import { CONFIRM_REPLACE, SKILL_VIEWS } from '../ids.ts';

export const PHASE_TEXT: Readonly<Record<SprintPhase, string>> = {
  not_started: 'not started yet',
  learning: 'learning',
  consolidation: 'consolidation: build a demo and write down what you learned',
  finished: 'finished',
};

/** Focal-skill options grouped by domain (Slack allows 100 options in all). */
function focalOptions(catalog: Catalog): { option_groups: OptionGroup[] } {
  const skills = activeSkills(catalog);
  const groups = catalog.domains
    .map((d) => ({
      label: plain(d.name),
      options: skills.filter((s) => s.domainId === d.id).map((s) => option(s.name, s.id)),
    }))
    .filter((g) => g.options.length > 0);
  let left = 100;
  return {
    option_groups: groups.flatMap((g) => {
      const options = g.options.slice(0, left);
      left -= options.length;
      return options.length > 0 ? [{ ...g, options }] : [];
    }),
  };
}

/**
 * The sprint form: start date, 2-3 focal skills (pre-picked from the top gaps), optional weekly
 * goals. `replacing` adds the confirmation to close the running sprint.
 */
export function sprintStartModal(args: {
  catalog: Catalog;
  today: string;
  gaps: readonly TopGap[];
  replacing?: SprintRecord | undefined;
  values?: { startDate: string; focal: string[]; goals: Record<number, string> } | undefined;
}): ModalView {
  const { option_groups } = focalOptions(args.catalog);
  const offered = new Set(option_groups.flatMap((g) => g.options.map((o) => o.value)));
  const preset = (args.values?.focal ?? args.gaps.slice(0, 3).map((g) => g.skillId)).filter((id) =>
    offered.has(id),
  );
  const initial = option_groups.flatMap((g) => g.options).filter((o) => preset.includes(o.value ?? ''));
  const blocks: KnownBlock[] = [
    section(
      'Twelve weeks of deliberate practice on *2 or 3* skills. Weeks 11-12 are for consolidation: build a demo and write down what you learned.',
    ),
    {
      type: 'input',
      block_id: SPRINT_FIELDS.startDate,
      label: plain('Start date'),
      element: {
        type: 'datepicker',
        action_id: SPRINT_FIELDS.startDate,
        initial_date: args.values?.startDate ?? args.today,
      },
    },
    {
      type: 'input',
      block_id: SPRINT_FIELDS.focal,
      label: plain('Focal skills (2-3)'),
      hint: plain('Usually your top gaps. More than three is refused: focus is the point.', 2000),
      element: {
        type: 'multi_static_select',
        action_id: SPRINT_FIELDS.focal,
        placeholder: plain('Pick 2 or 3 skills', 150),
        option_groups,
        ...(initial.length > 0 ? { initial_options: initial } : {}),
      },
    },
    context('*Weekly goals* (optional): what is due each week.'),
  ];
  for (let week = 1; week <= SPRINT_WEEKS; week++) {
    blocks.push(
      textInput(goalField(week), `Week ${week}${week >= CONSOLIDATION_WEEK ? ' (consolidation)' : ''}`, {
        optional: true,
        maxLength: 200,
        initial: args.values?.goals[week] ?? null,
        ...(week >= CONSOLIDATION_WEEK
          ? { placeholder: week === SPRINT_WEEKS ? 'Write down what you learned' : 'Build a demo' }
          : {}),
      }),
    );
  }
  if (args.replacing) {
    blocks.push({
      type: 'input',
      block_id: SPRINT_FIELDS.confirm,
      label: plain('You have a sprint running'),
      hint: plain(`It started on ${args.replacing.startDate}. Starting this one closes it.`, 2000),
      element: {
        type: 'checkboxes',
        action_id: SPRINT_FIELDS.confirm,
        options: [option('Close my current sprint and start this one', CONFIRM_REPLACE)],
      },
    });
  }
  return modal({
    callbackId: SKILL_VIEWS.sprintStart,
    title: 'Start a sprint',
    submit: args.replacing ? 'Close and start' : 'Start',
    blocks,
    metadata: args.replacing ? { replacing: args.replacing.id } : {},
  });
}

/** The focal skills with current → target. */
export function focalLines(view: SprintView): string {
  return view.focal
    .map((f) =>
      f.level === null
        ? md`• *${f.skill.name}*: not rated yet`
        : md`• *${f.skill.name}*: ${String(f.level)} → ${String(f.target)}`,
    )
    .join('\n');
}

/** The headline of a sprint: week N of 12, phase, days left. */
export function sprintHeadline(view: SprintView): string {
  const c = view.calendar;
  if (c.phase === 'not_started') return `Starts on ${view.sprint.startDate} (in ${c.startsInDays} days)`;
  if (c.phase === 'finished') return `Finished on ${c.lastDay}`;
  return `Week ${c.week} of ${SPRINT_WEEKS} · ${PHASE_TEXT[c.phase]} · ${c.daysLeft} ${c.daysLeft === 1 ? 'day' : 'days'} left`;
}

/** `/careerplan sprint`: week, phase, this week's goal, days left, focal skills current → target. */
export function sprintStatusBlocks(view: SprintView): KnownBlock[] {
  const goal = view.weekGoal
    ? `*This week:* ${line(view.weekGoal, 200)}`
    : view.calendar.week
      ? 'No goal written for this week.'
      : '';
  return [
    section(`*Learning sprint* · ${sprintHeadline(view)}`),
    ...(goal ? [section(goal)] : []),
    section(`*Focal skills*\n${focalLines(view)}`),
    context(
      view.calendar.phase === 'finished'
        ? 'Write your retrospective from the DM I send, then `/careerplan sprint start` the next one.'
        : '`/careerplan export sprint` gives the 12-week plan as Markdown.',
    ),
  ];
}

export function noSprintText(): string {
  return 'You have no learning sprint running. Start one with `/careerplan sprint start`: 12 weeks on 2-3 focal skills.';
}

/** A short confirmation once a sprint is stored. */
export function sprintStartedText(view: SprintView, replaced: boolean): string {
  return cut(
    `${replaced ? 'Your previous sprint is closed. ' : ''}${md`*Sprint started* (${view.sprint.startDate} to ${view.calendar.lastDay}). ${raw(sprintHeadline(view))}`}\n${focalLines(view)}`,
    3000,
  );
}
