import type { SubcommandHandler } from '../../../commands/router.ts';
import type { PlanEdge } from '../context.ts';
import { exportPlanToDm } from '../forms.ts';

const COMING_SOON = new Set(['sprint', 'portfolio', 'design-doc']);

/** `/careerplan export plan` posts the one-page plan as Markdown in the member's DM. */
export function exportCommand(edge: PlanEdge): SubcommandHandler {
  return async (ctx) => {
    const [what, ...extra] = ctx.args.map((a) => a.toLowerCase());
    if (what === undefined) {
      return {
        text: '`/careerplan export` needs to know what to export, e.g. `/careerplan export plan` for your one-page career plan.',
      };
    }
    if (extra.length > 0 && what === 'plan') {
      return { text: '`/careerplan export plan` takes nothing after `plan`. Try `/careerplan export plan`.' };
    }
    if (COMING_SOON.has(what)) {
      return {
        text: `Exporting the ${what === 'design-doc' ? 'design-document template' : `${what}`} is coming soon. Today you can export your plan: \`/careerplan export plan\`.`,
      };
    }
    if (what !== 'plan') {
      return {
        text: `I can't export \`${ctx.args[0]?.slice(0, 40)}\`. Try \`/careerplan export plan\` (sprint, portfolio and design-doc are coming soon).`,
      };
    }
    // Acknowledge first: the upload is three Web API calls.
    await ctx.ack();
    await exportPlanToDm(edge, ctx.client, ctx.teamId, ctx.userId);
    return { text: ':page_facing_up: Your career plan is in your DM with careerplan, as a Markdown file.' };
  };
}
