import type { KnownBlock } from '@slack/types';
import { TRACK_LABELS } from '../../../../domain/plans/ladder.ts';
import type { ReadinessView } from '../../../../domain/readiness/readiness.service.ts';
import type { ItemStatus } from '../../../../domain/readiness/readiness.ts';
import { context, cut, header, line, link, md, mrkdwn, option, plain, raw } from '../../../kit/blocks.ts';
import { itemValue, READINESS_ACTIONS } from '../ids.ts';

/** "3 of 4, with evidence" — App Home's and the list's summary. */
export function progressText(view: Pick<ReadinessView, 'doneCount' | 'total'>): string {
  return `${view.doneCount} of ${view.total}, with evidence`;
}

/** Which checklist this is: the track and the target level. */
function goalLine(view: ReadinessView): string {
  if (!view.hasGoal) {
    return 'No north star yet, so this is the individual-contributor checklist. Set your track and target level with `/careerplan goal`.';
  }
  const level = view.targetLevel
    ? md` for *${view.targetLevel}${view.targetTitle ? ` · ${view.targetTitle}` : ''}*`
    : '';
  return md`Checklist of the *${TRACK_LABELS[view.track]}* track${raw(level)}.`;
}

function emptyText(view: ReadinessView): string {
  return md`Your team has no readiness checklist for the *${TRACK_LABELS[view.track]}* track yet. Admins write it with \`/careerplan readiness edit ${view.track}\`.`;
}

/** One item: ticked or not, its evidence so far (linked titles), what is missing. */
export function itemLine(item: ItemStatus): string {
  const mark = item.done ? ':white_check_mark:' : ':white_large_square:';
  const evidence = item.evidence
    .slice(0, 5)
    .map((a) => (a.link ? link(a.link, cut(a.title, 60)) : line(a.title, 60)))
    .join(', ');
  const more = item.evidence.length > 5 ? ` and ${item.evidence.length - 5} more` : '';
  const count = `${Math.min(item.evidence.length, item.evidenceNeeded)}/${item.evidenceNeeded}`;
  return item.evidence.length === 0
    ? md`${raw(mark)} *${item.label}* (${count}) — no evidence linked yet`
    : md`${raw(mark)} *${item.label}* (${count}) — ${raw(evidence)}${more}`;
}

/** `/careerplan readiness`: every item, each with a button to link evidence. */
export function readinessMessage(view: ReadinessView, note?: string): { text: string; blocks: KnownBlock[] } {
  const blocks: KnownBlock[] = [];
  if (note) blocks.push({ type: 'section', text: mrkdwn(note) });
  if (view.total === 0) {
    blocks.push(header('Promotion readiness'), context(goalLine(view)), {
      type: 'section',
      text: mrkdwn(emptyText(view)),
    });
    return { text: 'Promotion readiness: no checklist for your track yet.', blocks };
  }
  blocks.push(header(`Promotion readiness · ${progressText(view)}`), context(goalLine(view)));
  for (const item of view.items) {
    blocks.push({
      type: 'section',
      block_id: `readiness_item_${item.key}`.slice(0, 255),
      text: mrkdwn(itemLine(item)),
      accessory: {
        type: 'button',
        action_id: `${READINESS_ACTIONS.linkItem}${item.key}`,
        value: itemValue(view.track, item.key),
        text: plain(item.evidence.length > 0 ? 'Change evidence' : 'Link evidence'),
      },
    });
  }
  blocks.push(
    context(
      'An item ticks only when enough portfolio artifacts are linked to it. Add artifacts with `/careerplan portfolio add`.',
    ),
  );
  return { text: `Promotion readiness: ${progressText(view)}.`, blocks };
}

/** Readiness in App Home: the count, the items in brief, the next missing one and a picker. */
export function readinessHomeBlocks(view: ReadinessView): KnownBlock[] {
  if (view.total === 0) {
    return [header('Promotion readiness'), { type: 'section', text: mrkdwn(emptyText(view)) }];
  }
  const lines = view.items.map(
    (i) =>
      md`${raw(i.done ? ':white_check_mark:' : ':white_large_square:')} ${i.label} (${Math.min(i.evidence.length, i.evidenceNeeded)}/${i.evidenceNeeded})`,
  );
  const blocks: KnownBlock[] = [
    header(`Promotion readiness · ${progressText(view)}`),
    { type: 'section', text: mrkdwn(lines.join('\n')) },
  ];
  blocks.push(
    context(
      view.next
        ? md`Next: *${view.next.label}*. ${raw(goalLine(view))}`
        : md`:tada: Every item has its evidence. ${raw(goalLine(view))}`,
    ),
  );
  blocks.push({
    type: 'actions',
    block_id: 'readiness_home_actions',
    elements: [
      ...(view.next
        ? [
            {
              type: 'button' as const,
              action_id: `${READINESS_ACTIONS.linkItem}${view.next.key}`,
              value: itemValue(view.track, view.next.key),
              text: plain(`Link evidence: ${view.next.label}`),
              style: 'primary' as const,
            },
          ]
        : []),
      {
        type: 'static_select' as const,
        action_id: READINESS_ACTIONS.pickItem,
        placeholder: plain('Link evidence to…'),
        options: view.items.slice(0, 100).map((i) => option(i.label, itemValue(view.track, i.key))),
      },
    ],
  });
  return blocks;
}
