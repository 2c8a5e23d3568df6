import type { SubcommandHandler } from '../../../commands/router.ts';
import { isAdmin } from '../../../kit/admin.ts';
import { ladderMessage } from '../blocks/ladder.ts';
import { memberFor, type PlanEdge } from '../context.ts';
import { openLadderForm } from '../forms.ts';

/**
 * `/careerplan ladder`: admins get the edit form, everyone else the ladder as an ephemeral
 * message. `/careerplan ladder show` shows the message to anyone.
 */
export function ladderCommand(edge: PlanEdge): SubcommandHandler {
  return async (ctx) => {
    const [word, ...extra] = ctx.args.map((a) => a.toLowerCase());
    if ((word !== undefined && word !== 'show' && word !== 'edit') || extra.length > 0) {
      return {
        text: '`/careerplan ladder` shows the career ladder (admins get a form to edit it), e.g. `/careerplan ladder` or `/careerplan ladder show`.',
      };
    }
    const { member } = await memberFor(edge, ctx.client, ctx.teamId, ctx.userId);
    const admin = await isAdmin(edge.workspaces, member);
    if (admin && word !== 'show') {
      await ctx.ack();
      await openLadderForm(edge, ctx);
      return undefined;
    }
    const ladder = await edge.plans.career.ladder(ctx.teamId);
    if (word === 'edit' && !admin) {
      const message = ladderMessage(ladder, false);
      return {
        text: 'Only workspace admins (or whoever installed careerplan) can edit the ladder.',
        blocks: message.blocks,
      };
    }
    return ladderMessage(ladder, admin);
  };
}
