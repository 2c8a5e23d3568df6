import type { KnownBlock } from '@slack/types';
import { TRACK_LABELS } from '../../../../domain/plans/ladder.ts';
import {
  isOpenMilestone,
  isOverdue,
  type Milestone,
  nextMilestones,
} from '../../../../domain/plans/milestones.ts';
import { objectiveProgress, progressBar } from '../../../../domain/plans/okrs.ts';
import type { PlanDashboard } from '../../../../domain/plans/plan.service.ts';
import { formatQuarter } from '../../../../domain/plans/quarters.ts';
import { context, cut, esc, header, line, mrkdwn, plain } from '../../../kit/blocks.ts';
import { MENU_VERBS, PLAN_ACTIONS } from '../ids.ts';
import { levelLabel } from './goal.ts';
import { milestoneLine } from './milestones.ts';
import { keyResultLine, menu } from './okr-list.ts';

/** How much of each list App Home shows before pointing to the full list (100-block limit). */
export const HOME_LIMITS = { objectives: 4, milestones: 5 } as const;

/** Section buttons repeat actions of the top row, so their ids carry a suffix to stay unique. */
function button(actionId: string, text: string, style?: 'primary') {
  return {
    type: 'button' as const,
    action_id: `${actionId}:section`,
    text: plain(text),
    ...(style ? { style } : {}),
  };
}

export function northStarSection(plan: PlanDashboard): KnownBlock[] {
  const ns = plan.northStar;
  if (!ns) {
    return [
      header('North star'),
      {
        type: 'section',
        text: mrkdwn(
          'No north star yet. Pick a track, where you want to be in 2-5 years, and your target level.',
        ),
        accessory: button(PLAN_ACTIONS.openGoal, 'Set your north star', 'primary'),
      },
    ];
  }
  const levels = `${esc(levelLabel(plan.ladder, ns.currentLevel))} → ${esc(levelLabel(plan.ladder, ns.targetLevel))}`;
  return [
    header('North star'),
    {
      type: 'section',
      text: mrkdwn(
        `> ${line(ns.destination, 500)}\n${TRACK_LABELS[ns.track]} · ${levels} · in ${ns.horizonYears} years`,
      ),
      accessory: button(PLAN_ACTIONS.openGoal, 'Edit'),
    },
  ];
}

export function okrSection(plan: PlanDashboard): KnownBlock[] {
  const q = formatQuarter(plan.quarter);
  const blocks: KnownBlock[] = [header(`OKRs · ${q}`)];
  if (plan.objectives.length === 0) {
    blocks.push({
      type: 'section',
      text: mrkdwn(
        'No objectives this quarter yet. Two objectives with three key results each make a focused quarter.',
      ),
      accessory: button(PLAN_ACTIONS.openOkrAdd, 'Add an objective', 'primary'),
    });
    return blocks;
  }
  plan.objectives.slice(0, HOME_LIMITS.objectives).forEach((objective, index) => {
    const krs = plan.numbered.filter((n) => n.objective.id === objective.id);
    const lines = [
      `*${index + 1}. ${line(objective.title)}*  \`${progressBar(objectiveProgress(objective.keyResults))}\``,
      ...krs.map(keyResultLine),
    ];
    const text = cut(lines.join('\n'), 3000);
    blocks.push(
      krs.length === 0
        ? { type: 'section', text: mrkdwn(`${text}\n_No key results yet._`) }
        : {
            type: 'section',
            text: mrkdwn(text),
            accessory: menu(
              `${PLAN_ACTIONS.keyResultMenu}home-${objective.id}`,
              krs.map((n) => [`Check in KR ${n.number}`, MENU_VERBS.checkIn, n.keyResult.id]),
            ),
          },
    );
  });
  const hidden = plan.objectives.length - HOME_LIMITS.objectives;
  blocks.push(
    context(
      `${hidden > 0 ? `…and ${hidden} more objective${hidden === 1 ? '' : 's'}. ` : ''}` +
        '`/careerplan okr` lists them all with edit and archive; record progress with `/careerplan okr progress <kr#> <value>`.',
    ),
  );
  return blocks;
}

function milestoneMenu(m: Milestone) {
  const items: Array<[string, string, string]> = [];
  if (m.status === 'planned') items.push(['Start', MENU_VERBS.start, m.id]);
  items.push(['Mark done', MENU_VERBS.done, m.id], ['Drop', MENU_VERBS.drop, m.id]);
  return menu(`${PLAN_ACTIONS.milestoneMenu}${m.id}`, items);
}

export function milestoneSection(plan: PlanDashboard): KnownBlock[] {
  const blocks: KnownBlock[] = [header('Next milestones')];
  const next = nextMilestones(plan.milestones, HOME_LIMITS.milestones);
  if (next.length === 0) {
    blocks.push({
      type: 'section',
      text: mrkdwn('No open milestones. Add 3-5 for the next 12 months: mastery, visibility and delivery.'),
      accessory: button(PLAN_ACTIONS.openMilestoneAdd, 'Add a milestone', 'primary'),
    });
  }
  for (const m of next) {
    blocks.push({ type: 'section', text: mrkdwn(milestoneLine(m, plan.today)), accessory: milestoneMenu(m) });
  }
  const open = plan.milestones.filter(isOpenMilestone);
  const overdue = open.filter((m) => isOverdue(m, plan.today)).length;
  const done = plan.milestones.filter((m) => m.status === 'done').length;
  if (plan.milestones.length > 0) {
    const more = open.length - next.length;
    blocks.push(
      context(
        `${open.length} open${overdue ? ` (${overdue} overdue)` : ''} · ${done} done` +
          `${more > 0 ? ` · ${more} more open not shown` : ''} · \`/careerplan milestone\` lists them all.`,
      ),
    );
  }
  return blocks;
}
