import type { KnownBlock, Overflow, PlainTextOption } from '@slack/types';
import {
  describeKeyResult,
  OKR_LIMITS,
  objectiveProgress,
  progressBar,
  progressOf,
} from '../../../../domain/plans/okrs.ts';
import { formatQuarter, type Quarter } from '../../../../domain/plans/quarters.ts';
import type { NumberedKeyResult, ObjectiveRecord } from '../../../../domain/plans/records.ts';
import { context, cut, esc, header, line, option, plain, section } from '../../../kit/blocks.ts';
import { MENU_VERBS, PLAN_ACTIONS } from '../ids.ts';

/** Slack's limit for a message; the list stops adding objectives before it. */
const MESSAGE_BLOCK_LIMIT = 50;

/** `KR 3 · Cut p95 latency  ▓▓▓▓▓░░░░░ 50% · 800 → 200 ms, now 500` */
export function keyResultLine(n: NumberedKeyResult): string {
  const kr = n.keyResult;
  return `*KR ${n.number}* · ${line(kr.title)}\n\`${progressBar(progressOf(kr))}\` · ${esc(describeKeyResult(kr))}`;
}

/** `*1. Objective*  ▓▓░░ 20%` */
export function objectiveLine(objective: ObjectiveRecord, index: number): string {
  return `*${index + 1}. ${line(objective.title)}*\n\`${progressBar(objectiveProgress(objective.keyResults))}\``;
}

/** An overflow menu whose option values are `<verb>:<id>`. */
export function menu(actionId: string, items: Array<[label: string, verb: string, id: string]>): Overflow {
  const options: PlainTextOption[] = items
    .slice(0, 5)
    .map(([label, verb, id]) => option(label, `${verb}:${id}`));
  return { type: 'overflow', action_id: actionId, options };
}

function objectiveMenu(objective: ObjectiveRecord): Overflow {
  const items: Array<[string, string, string]> = [];
  if (objective.keyResults.length < OKR_LIMITS.maxKeyResults) {
    items.push(['Add a key result', MENU_VERBS.addKeyResult, objective.id]);
  }
  items.push(
    ['Edit objective', MENU_VERBS.edit, objective.id],
    ['Archive objective', MENU_VERBS.archive, objective.id],
  );
  return menu(`${PLAN_ACTIONS.objectiveMenu}${objective.id}`, items);
}

function keyResultMenu(n: NumberedKeyResult): Overflow {
  const id = n.keyResult.id;
  return menu(`${PLAN_ACTIONS.keyResultMenu}${id}`, [
    ['Check in', MENU_VERBS.checkIn, id],
    ['Edit key result', MENU_VERBS.edit, id],
    ['Archive key result', MENU_VERBS.archive, id],
  ]);
}

/**
 * `/careerplan okr [quarter]`: each objective with its progress and a menu (add key result,
 * edit, archive), each key result numbered as `okr progress` reads it, with a bar and a menu
 * (check in, edit, archive).
 */
export function okrListMessage(args: {
  quarter: Quarter;
  isCurrent: boolean;
  objectives: readonly ObjectiveRecord[];
  numbered: readonly NumberedKeyResult[];
  notice?: string;
}): { text: string; blocks: KnownBlock[] } {
  const q = formatQuarter(args.quarter);
  const blocks: KnownBlock[] = [header(`OKRs · ${q}${args.isCurrent ? ' (this quarter)' : ''}`)];
  if (args.notice) blocks.push(section(args.notice));
  if (args.objectives.length === 0) {
    blocks.push(
      section(
        args.isCurrent
          ? 'No objectives this quarter yet. Two objectives with three key results each make a focused quarter.'
          : `No objectives for ${q}.`,
      ),
    );
  }
  let hidden = 0;
  args.objectives.forEach((objective, index) => {
    const krs = args.numbered.filter((n) => n.objective.id === objective.id);
    // Keep room for the closing context and buttons.
    if (blocks.length + krs.length + 4 > MESSAGE_BLOCK_LIMIT) {
      hidden += 1;
      return;
    }
    blocks.push({ type: 'divider' });
    blocks.push({
      type: 'section',
      text: { type: 'mrkdwn', text: cut(objectiveLine(objective, index), 3000) },
      accessory: objectiveMenu(objective),
    });
    if (krs.length === 0) blocks.push(context('_No key results yet: add one from the menu._'));
    for (const n of krs) {
      blocks.push({
        type: 'section',
        text: { type: 'mrkdwn', text: cut(keyResultLine(n), 3000) },
        accessory: keyResultMenu(n),
      });
    }
  });
  const tips = [
    'Record progress: `/careerplan okr progress <kr#> <value>`, e.g. `/careerplan okr progress 1 60`.',
  ];
  if (hidden > 0) tips.push(`${hidden} more objective${hidden === 1 ? '' : 's'} not shown.`);
  blocks.push(context(tips.join(' ')), {
    type: 'actions',
    elements: [
      {
        type: 'button',
        action_id: PLAN_ACTIONS.openOkrAdd,
        text: plain('Add an objective'),
        style: 'primary',
      },
    ],
  });
  return { text: `Your OKRs for ${q}: ${args.objectives.length} objective(s)`, blocks };
}
