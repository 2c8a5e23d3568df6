import type { SubcommandHandler } from '../../../commands/router.ts';
import type { PlanEdge } from '../context.ts';
import { openGoalForm } from '../forms.ts';

/** `/careerplan goal`: opens the north-star form, pre-filled when one exists. */
export function goalCommand(edge: PlanEdge): SubcommandHandler {
  return async (ctx) => {
    if (ctx.args.length > 0) {
      return { text: '`/careerplan goal` takes no arguments: it opens a form. Try `/careerplan goal`.' };
    }
    await ctx.ack();
    await openGoalForm(edge, ctx);
    return undefined;
  };
}
