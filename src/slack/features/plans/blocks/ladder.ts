import type { KnownBlock, ModalView } from '@slack/types';
import { LADDER_LIMITS, type LadderLevel } from '../../../../domain/plans/ladder.ts';
import { ladderField } from '../../../../domain/plans/ladder-form.ts';
import { context, esc, header, modal, plain, section, textInput } from '../../../kit/blocks.ts';
import { PLAN_ACTIONS, PLAN_VIEWS } from '../ids.ts';

/** The team's ladder as an ephemeral message; admins get an edit button. */
export function ladderMessage(
  ladder: readonly LadderLevel[],
  canEdit: boolean,
): { text: string; blocks: KnownBlock[] } {
  const blocks: KnownBlock[] = [header('Career ladder')];
  for (const level of ladder.slice(0, LADDER_LIMITS.maxLevels)) {
    blocks.push(
      section(`*${esc(level.code)} · ${esc(level.title)}*\n${esc(level.summary) || '_No description._'}`),
    );
  }
  if (canEdit) {
    blocks.push({
      type: 'actions',
      elements: [
        {
          type: 'button',
          action_id: PLAN_ACTIONS.openLadder,
          text: plain('Edit the ladder'),
          style: 'primary',
        },
      ],
    });
  } else {
    blocks.push(context('Only workspace admins (or whoever installed careerplan) can edit the ladder.'));
  }
  return { text: `Career ladder: ${ladder.map((l) => l.code).join(', ')}`, blocks };
}

/** How many rows the ladder form shows: the current levels plus two empty ones (6-12). */
export function ladderRowCount(levels: number): number {
  return Math.min(LADDER_LIMITS.maxLevels, Math.max(6, levels + 2));
}

/** The admin ladder form: code, title and summary per row, junior to senior; empty rows ignored. */
export function ladderModal(ladder: readonly LadderLevel[]): ModalView {
  const blocks: KnownBlock[] = [
    context(
      'One row per level, most junior first. Codes are short, like `L4` or `IC-3`. Clear a row to remove a level. Members keep their saved levels even if you rename them.',
    ),
  ];
  for (let row = 0; row < ladderRowCount(ladder.length); row++) {
    const level = ladder[row];
    blocks.push(
      textInput(ladderField(row, 'code'), `Level ${row + 1}: code`, {
        initial: level?.code ?? null,
        maxLength: 10,
        optional: true,
      }),
      textInput(ladderField(row, 'title'), `Level ${row + 1}: title`, {
        initial: level?.title ?? null,
        maxLength: LADDER_LIMITS.maxTitle,
        optional: true,
      }),
      textInput(ladderField(row, 'summary'), `Level ${row + 1}: scope and impact`, {
        initial: level?.summary ?? null,
        maxLength: LADDER_LIMITS.maxSummary,
        multiline: true,
        optional: true,
      }),
    );
  }
  return modal({ callbackId: PLAN_VIEWS.ladder, title: 'Career ladder', submit: 'Save ladder', blocks });
}
