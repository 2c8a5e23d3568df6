import type { KnownBlock } from '@slack/types';
import { PLAN_PART_LABELS, PLAN_PARTS, type PlanPart } from '../../../../domain/skills/action-plan.ts';
import { changeLabel } from '../../../../domain/skills/assessment.ts';
import type { AssessmentResult, TopGap } from '../../../../domain/skills/skills.service.ts';
import { context, line, link, md, plain, raw, section } from '../../../kit/blocks.ts';
import { SKILL_ACTIONS } from '../ids.ts';

/** `skills_plan_tick:<skill>:<part>` — unique per button in a view. */
export function tickActionId(skillId: string, part: PlanPart): string {
  return `${SKILL_ACTIONS.tickPlan}${skillId}:${part}`;
}

function planLines(gap: TopGap): string {
  const plan = gap.plan;
  if (!plan) return 'No action plan yet: what to *read*, where to *practice*, how to *show progress*.';
  const mark = (part: PlanPart) => (plan.done[part] ? ':white_check_mark:' : ':white_large_square:');
  const read = plan.readUrl
    ? `${line(plan.read, 200)} (${link(plan.readUrl, 'link')})`
    : line(plan.read, 200);
  return [
    `${mark('read')} *Read:* ${read}`,
    `${mark('practice')} *Practice:* ${line(plan.practice, 200)}`,
    `${mark('show')} *Show progress:* ${line(plan.show, 200)}`,
  ].join('\n');
}

/** One top gap: the skill, its levels, and its action plan with buttons (App Home). */
export function gapBlocks(gaps: readonly TopGap[], withButtons: boolean): KnownBlock[] {
  return gaps.flatMap((gap, i) => {
    const focus = gap.inSprint ? ' · sprint focus' : '';
    const title = md`*${String(i + 1)}. ${gap.skill.name}*: ${String(gap.level)} → ${String(gap.target)} (gap ${String(gap.gap)})${raw(focus)}`;
    const blocks: KnownBlock[] = [
      withButtons
        ? {
            type: 'section',
            text: { type: 'mrkdwn', text: title },
            accessory: {
              type: 'button',
              action_id: `${SKILL_ACTIONS.editPlan}${gap.skillId}`,
              text: plain(gap.plan ? 'Edit plan' : 'Write a plan'),
              value: gap.skillId,
            },
          }
        : section(title),
      context(planLines(gap)),
    ];
    if (withButtons && gap.plan) {
      const plan = gap.plan;
      blocks.push({
        type: 'actions',
        block_id: `skills_plan_parts_${gap.skillId}`,
        elements: PLAN_PARTS.map((part) => ({
          type: 'button' as const,
          action_id: tickActionId(gap.skillId, part),
          text: plain(
            plan.done[part] ? `Undo ${PLAN_PART_LABELS[part].toLowerCase()}` : `${PLAN_PART_LABELS[part]} ✓`,
          ),
          value: plan.done[part] ? '0' : '1',
        })),
      });
    }
    return blocks;
  });
}

/** The answer to a saved assessment: each rated skill's change since last time, then the gaps. */
export function resultBlocks(result: AssessmentResult, gaps: readonly TopGap[]): KnownBlock[] {
  const lines = result.changes.map(
    (c) =>
      md`• *${c.skill.name}*: ${String(c.level)} → target ${String(c.target)} (${changeLabel(c.change)})`,
  );
  const blocks: KnownBlock[] = [
    section(`*Saved.* Change since your previous assessment:\n${lines.join('\n')}`),
  ];
  blocks.push(
    section(
      gaps.length === 0
        ? 'No gaps: every skill you rated is at its target.'
        : `*Your top gaps:*\n${gaps
            .map(
              (g) => md`• *${g.skill.name}*: ${String(g.level)} → ${String(g.target)} (gap ${String(g.gap)})`,
            )
            .join('\n')}`,
    ),
    context(
      'Write an action plan for each top gap in App Home; `/careerplan skills chart` draws where you stand.',
    ),
  );
  return blocks;
}
