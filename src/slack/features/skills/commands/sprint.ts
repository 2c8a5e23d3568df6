import type { SubcommandHandler } from '../../../commands/router.ts';
import { noSprintText, sprintStatusBlocks } from '../blocks/sprint.ts';
import { ownerFor, type SkillsEdge } from '../context.ts';
import { openSprintStart } from '../forms.ts';

/** `/careerplan sprint` shows the running sprint; `/careerplan sprint start` opens the form. */
export function sprintCommand(edge: SkillsEdge): SubcommandHandler {
  return async (ctx) => {
    const [what, ...rest] = ctx.args.map((a) => a.toLowerCase());
    if (rest.length > 0 || (what !== undefined && what !== 'start')) {
      return {
        text: `I can't read \`${ctx.rest.slice(0, 40).replace(/`/g, "'")}\`. \`/careerplan sprint\` shows your sprint; \`/careerplan sprint start\` starts one.`,
      };
    }
    if (what === 'start') {
      await ctx.ack();
      await openSprintStart(edge, ctx);
      return undefined;
    }
    const { owner } = await ownerFor(edge, ctx.client, ctx.teamId, ctx.userId);
    const view = await edge.services.sprints.current(owner);
    if (!view) return { text: noSprintText() };
    return {
      text: `Learning sprint: week ${view.calendar.week ?? '-'} of 12`,
      blocks: sprintStatusBlocks(view),
    };
  };
}
