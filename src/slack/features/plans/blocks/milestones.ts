import type { ActionsBlock, Button, KnownBlock, ModalView } from '@slack/types';
import {
  isOpenMilestone,
  isOverdue,
  MILESTONE_KIND_LABELS,
  MILESTONE_KINDS,
  MILESTONE_LIMITS,
  MILESTONE_STATUS_LABELS,
  type Milestone,
  sortByDueDate,
} from '../../../../domain/plans/milestones.ts';
import {
  context,
  header,
  line,
  link,
  modal,
  option,
  plain,
  section,
  selectInput,
  textInput,
} from '../../../kit/blocks.ts';
import { inputAction, PLAN_ACTIONS, PLAN_VIEWS } from '../ids.ts';

/** Block ids of the milestone form: the field names of NewMilestoneInput. */
export const MILESTONE_BLOCKS = {
  kind: 'kind',
  title: 'title',
  dueDate: 'dueDate',
  evidenceUrl: 'evidenceUrl',
} as const;

/** At most this many milestones get their own buttons in the list (2 blocks each, 50 max). */
export const MILESTONE_LIST_LIMIT = 15;

/** The add-milestone form. `suggestedDue` (YYYY-MM-DD) pre-fills the date picker. */
export function milestoneAddModal(suggestedDue: string): ModalView {
  const blocks: KnownBlock[] = [
    context(
      '*Mastery*: get better at something · *Visibility*: be seen doing it · *Delivery*: ship it. Aim for the next 12 months.',
    ),
    selectInput(
      MILESTONE_BLOCKS.kind,
      'Kind',
      MILESTONE_KINDS.map((k) => option(MILESTONE_KIND_LABELS[k], k)),
    ),
    textInput(MILESTONE_BLOCKS.title, 'Milestone', {
      maxLength: MILESTONE_LIMITS.maxTitle,
      placeholder: 'e.g. Run the on-call rotation for a quarter',
    }),
    {
      type: 'input',
      block_id: MILESTONE_BLOCKS.dueDate,
      label: plain('Due date', 2000),
      element: {
        type: 'datepicker',
        action_id: inputAction(MILESTONE_BLOCKS.dueDate),
        initial_date: suggestedDue,
      },
    },
    {
      type: 'input',
      block_id: MILESTONE_BLOCKS.evidenceUrl,
      label: plain('Evidence link', 2000),
      optional: true,
      hint: plain('A link that shows it happened: a doc, a PR, a recording. You can add it later.', 2000),
      element: { type: 'url_text_input', action_id: inputAction(MILESTONE_BLOCKS.evidenceUrl) },
    },
  ];
  return modal({ callbackId: PLAN_VIEWS.milestoneAdd, title: 'Add a milestone', submit: 'Add', blocks });
}

/** One milestone as mrkdwn: title, kind, due date, status, overdue flag and evidence link. */
export function milestoneLine(m: Milestone, today: string): string {
  const overdue = isOverdue(m, today) ? ' · :warning: overdue' : '';
  const evidence = m.evidenceUrl ? ` · ${link(m.evidenceUrl, 'evidence')}` : '';
  const title = m.status === 'done' || m.status === 'dropped' ? `~${line(m.title)}~` : `*${line(m.title)}*`;
  return `${title}\n${MILESTONE_KIND_LABELS[m.kind]} · due ${m.dueDate} · ${MILESTONE_STATUS_LABELS[m.status]}${overdue}${evidence}`;
}

function button(text: string, prefix: string, id: string, style?: 'primary' | 'danger'): Button {
  return {
    type: 'button',
    action_id: `${prefix}${id}`,
    value: id,
    text: plain(text),
    ...(style ? { style } : {}),
  };
}

/** The buttons a milestone offers in its current status. */
export function milestoneButtons(m: Milestone): ActionsBlock {
  const elements: Button[] = [];
  if (m.status === 'planned') elements.push(button('Start', PLAN_ACTIONS.milestoneStart, m.id));
  if (isOpenMilestone(m)) {
    elements.push(button('Done', PLAN_ACTIONS.milestoneDone, m.id, 'primary'));
    elements.push(button('Drop', PLAN_ACTIONS.milestoneDrop, m.id));
  } else {
    elements.push(button(m.status === 'done' ? 'Reopen' : 'Restore', PLAN_ACTIONS.milestoneReopen, m.id));
  }
  return { type: 'actions', block_id: `milestone_${m.id}`, elements };
}

/**
 * `/careerplan milestone`: open milestones first (soonest due), then closed ones, each with its
 * buttons; at most {@link MILESTONE_LIST_LIMIT} shown, the rest counted.
 */
export function milestoneListMessage(
  milestones: readonly Milestone[],
  today: string,
  notice?: string,
): { text: string; blocks: KnownBlock[] } {
  const open = sortByDueDate(milestones.filter(isOpenMilestone));
  const closed = sortByDueDate(milestones.filter((m) => !isOpenMilestone(m))).reverse();
  const ordered = [...open, ...closed];
  const shown = ordered.slice(0, MILESTONE_LIST_LIMIT);
  const done = milestones.filter((m) => m.status === 'done').length;
  const blocks: KnownBlock[] = [header('Your milestones')];
  if (notice) blocks.push(section(notice));
  if (shown.length === 0) {
    blocks.push(
      section('No milestones yet. Add 3-5 for the next 12 months: mastery, visibility and delivery.'),
    );
  }
  for (const m of shown) blocks.push(section(milestoneLine(m, today)), milestoneButtons(m));
  const hidden = ordered.length - shown.length;
  blocks.push(
    context(
      `${open.length} open · ${done} done${hidden > 0 ? ` · ${hidden} more not shown (the oldest closed or furthest out)` : ''}`,
    ),
    {
      type: 'actions',
      elements: [
        {
          type: 'button',
          action_id: PLAN_ACTIONS.openMilestoneAdd,
          text: plain('Add a milestone'),
          style: 'primary',
        },
      ],
    },
  );
  return { text: `Your milestones: ${open.length} open, ${done} done`, blocks };
}
