import { localToday } from '../../../../domain/plans/milestone.service.ts';
import type { SubcommandHandler } from '../../../commands/router.ts';
import { milestoneListMessage } from '../blocks/milestones.ts';
import { memberFor, type PlanEdge } from '../context.ts';
import { openMilestoneForm } from '../forms.ts';

const USAGE =
  '`/careerplan milestone` lists your milestones and `/careerplan milestone add` opens a form to add one.';

/** `/careerplan milestone [list|add]`. */
export function milestoneCommand(edge: PlanEdge): SubcommandHandler {
  return async (ctx) => {
    const [word, ...extra] = ctx.args.map((a) => a.toLowerCase());
    if (extra.length > 0 || (word !== undefined && word !== 'add' && word !== 'list')) {
      return { text: `I don't know \`milestone ${ctx.rest.slice(0, 40)}\`. ${USAGE}` };
    }
    if (word === 'add') {
      await ctx.ack();
      await openMilestoneForm(edge, ctx);
      return undefined;
    }
    const { owner } = await memberFor(edge, ctx.client, ctx.teamId, ctx.userId);
    const milestones = await edge.plans.milestones.list(owner);
    return milestoneListMessage(milestones, localToday(edge.clock.now(), owner.tz));
  };
}
