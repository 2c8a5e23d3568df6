import type { App, BlockAction } from '@slack/bolt';
import { isPlanPart } from '../../../../domain/skills/action-plan.ts';
import { memberName } from '../../../../domain/workspaces/workspace.ts';
import { type ActionArgs, guarded, tell, whoClicked } from '../../../kit/actions.ts';
import { assessmentModal } from '../blocks/assessment-modal.ts';
import { exportSprintToDm, postChartToDm } from '../chart/upload.ts';
import { ownerFor, type SkillsEdge } from '../context.ts';
import { openActionPlan, openAssessment, openSprintStart } from '../forms.ts';
import { actionPattern, idAfter, SKILL_ACTIONS } from '../ids.ts';

function request(args: ActionArgs) {
  return { client: args.client, triggerId: args.body.trigger_id, ...whoClicked(args) };
}

/** The skills buttons of App Home and the assessment form's domain picker. */
export function registerSkillsHomeActions(app: App, edge: SkillsEdge): void {
  const on = (id: string | RegExp, work: (args: ActionArgs) => Promise<void>) =>
    app.action<BlockAction>(id, guarded(edge, work));

  on(SKILL_ACTIONS.openAssessment, (args) => openAssessment(edge, request(args)));
  on(SKILL_ACTIONS.openSprintStart, (args) => openSprintStart(edge, request(args)));
  on(actionPattern(SKILL_ACTIONS.editPlan), (args) =>
    openActionPlan(edge, request(args), idAfter(args.action.action_id, SKILL_ACTIONS.editPlan)),
  );

  on(actionPattern(SKILL_ACTIONS.tickPlan), async (args) => {
    const [skillId = '', part = ''] = idAfter(args.action.action_id, SKILL_ACTIONS.tickPlan).split(':');
    if (!isPlanPart(part)) return;
    const { teamId, userId } = whoClicked(args);
    const { owner } = await ownerFor(edge, args.client, teamId, userId);
    const value = (args.action as { value?: string }).value;
    await edge.services.skills.tickPlanPart(owner, skillId, part, value !== '0');
    await edge.home.refresh(args.client, teamId, userId);
  });

  on(SKILL_ACTIONS.postChart, async (args) => {
    const { teamId, userId } = whoClicked(args);
    const { owner, member } = await ownerFor(edge, args.client, teamId, userId);
    if (!(await postChartToDm(edge, args.client, owner, memberName(member)))) {
      await tell(args, 'Skills chart', 'Rate some skills first: there is nothing to chart yet.');
    }
  });

  on(SKILL_ACTIONS.exportSprint, async (args) => {
    const { teamId, userId } = whoClicked(args);
    if (!(await exportSprintToDm(edge, args.client, teamId, userId))) {
      await tell(args, 'Sprint export', 'You have no sprint to export yet: `/careerplan sprint start`.');
    }
  });

  // A large catalogue is rated one domain at a time: the picker swaps the form's skills.
  on(SKILL_ACTIONS.pickDomain, async (args) => {
    const view = args.body.view;
    const picked = (args.action as { selected_option?: { value?: string } }).selected_option?.value;
    if (!view || !picked) return;
    const { teamId, userId } = whoClicked(args);
    const { owner } = await ownerFor(edge, args.client, teamId, userId);
    const profile = await edge.services.skills.profile(owner);
    await args.client.views.update({
      view_id: view.id,
      hash: view.hash,
      view: assessmentModal({ catalog: profile.catalog, history: profile.history, domainId: picked }),
    });
  });
}
