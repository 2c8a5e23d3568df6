import type { KnownBlock } from '@slack/types';
import type { SkillProfile } from '../../../../domain/skills/skills.service.ts';
import type { SprintView } from '../../../../domain/sprints/sprint.service.ts';
import { context, header, line, plain, section } from '../../../kit/blocks.ts';
import { SKILL_ACTIONS } from '../ids.ts';
import { gapBlocks } from './gaps.ts';
import { focalLines, sprintHeadline } from './sprint.ts';

function buttons(
  blockId: string,
  items: Array<{ actionId: string; text: string; primary?: boolean }>,
): KnownBlock {
  return {
    type: 'actions',
    block_id: blockId,
    elements: items.map((b) => ({
      type: 'button' as const,
      action_id: b.actionId,
      text: plain(b.text),
      ...(b.primary ? { style: 'primary' as const } : {}),
    })),
  };
}

/** App Home: the top 3 gaps with their action plans, or how to start. */
export function skillsHomeBlocks(profile: SkillProfile): KnownBlock[] {
  const blocks: KnownBlock[] = [header('Skills: top gaps')];
  if (profile.history.size === 0) {
    blocks.push(
      section(
        'You have not assessed your skills yet. Rate yourself 1-5 with a target; your three biggest gaps get an action plan.',
      ),
      buttons('skills_home_actions', [
        { actionId: SKILL_ACTIONS.openAssessment, text: 'Assess my skills', primary: true },
      ]),
    );
    return blocks;
  }
  if (profile.gaps.length === 0) blocks.push(section('No gaps: every skill you rated is at its target.'));
  else blocks.push(...gapBlocks(profile.gaps, true));
  blocks.push(
    buttons('skills_home_actions', [
      { actionId: SKILL_ACTIONS.openAssessment, text: 'Assess again' },
      { actionId: SKILL_ACTIONS.postChart, text: 'Skills chart' },
    ]),
  );
  return blocks;
}

/** App Home: the sprint, week N of 12 with its focal skills, or an invitation to start one. */
export function sprintHomeBlocks(view: SprintView | undefined): KnownBlock[] {
  const blocks: KnownBlock[] = [header('Learning sprint')];
  if (!view) {
    blocks.push(
      section('No sprint running. Twelve weeks on 2-3 focal skills, usually your top gaps.'),
      buttons('skills_sprint_home_actions', [
        { actionId: SKILL_ACTIONS.openSprintStart, text: 'Start a sprint', primary: true },
      ]),
    );
    return blocks;
  }
  blocks.push(section(`*${sprintHeadline(view)}*\n${focalLines(view)}`));
  if (view.weekGoal) blocks.push(context(`This week: ${line(view.weekGoal, 200)}`));
  blocks.push(
    buttons('skills_sprint_home_actions', [
      { actionId: SKILL_ACTIONS.exportSprint, text: 'Export the 12-week plan' },
      { actionId: SKILL_ACTIONS.openSprintStart, text: 'Start a new sprint' },
    ]),
  );
  return blocks;
}
