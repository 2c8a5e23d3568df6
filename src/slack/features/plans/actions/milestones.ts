import { localToday } from '../../../../domain/plans/milestone.service.ts';
import { MILESTONE_STATUS_LABELS, type MilestoneStatus } from '../../../../domain/plans/milestones.ts';
import {
  type ActionArgs,
  actionValue,
  guarded,
  replaceList,
  verbAndId,
  whoClicked,
} from '../../../kit/actions.ts';
import { line } from '../../../kit/blocks.ts';
import { milestoneListMessage } from '../blocks/milestones.ts';
import { memberFor, type PlanEdge, refreshHome } from '../context.ts';
import { MENU_VERBS } from '../ids.ts';

const VERB_STATUS: Record<string, MilestoneStatus> = {
  [MENU_VERBS.done]: 'done',
  [MENU_VERBS.drop]: 'dropped',
  [MENU_VERBS.start]: 'in_progress',
};

async function move(edge: PlanEdge, args: ActionArgs, id: string, to: MilestoneStatus | 'reopen') {
  const { teamId, userId } = whoClicked(args);
  const { owner } = await memberFor(edge, args.client, teamId, userId);
  const status: MilestoneStatus = to === 'reopen' ? await reopenTarget(edge, owner, id) : to;
  const moved = await edge.plans.milestones.setStatus(owner, id, status);
  const list = await edge.plans.milestones.list(owner);
  const notice = `:white_check_mark: *${line(moved.title)}* is now ${MILESTONE_STATUS_LABELS[moved.status].toLowerCase()}.`;
  await replaceList(args, milestoneListMessage(list, localToday(edge.clock.now(), owner.tz), notice));
  await refreshHome(edge, args.client, teamId, userId);
}

/** Done → in progress, dropped → planned (the life cycle's way back). */
async function reopenTarget(
  edge: PlanEdge,
  owner: Parameters<PlanEdge['plans']['milestones']['list']>[0],
  id: string,
) {
  const current = (await edge.plans.milestones.list(owner)).find((m) => m.id === id);
  return current?.status === 'dropped' ? 'planned' : 'in_progress';
}

/** The per-milestone buttons of `/careerplan milestone` (value = milestone id). */
export function milestoneButton(edge: PlanEdge, to: MilestoneStatus | 'reopen') {
  return guarded(edge, (args) => move(edge, args, actionValue(args), to));
}

/** App Home's milestone menu (value = `<verb>:<id>`). */
export function milestoneMenu(edge: PlanEdge) {
  return guarded(edge, async (args) => {
    const { verb, id } = verbAndId(actionValue(args));
    const to = VERB_STATUS[verb];
    if (!to) throw new Error(`unknown milestone menu verb "${verb}"`);
    await move(edge, args, id, to);
  });
}
