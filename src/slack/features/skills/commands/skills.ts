import { memberName } from '../../../../domain/workspaces/workspace.ts';
import type { SubcommandHandler } from '../../../commands/router.ts';
import { postChartToDm } from '../chart/upload.ts';
import { ownerFor, type SkillsEdge } from '../context.ts';
import { openAdmin, openAssessment } from '../forms.ts';

const USAGE =
  '`/careerplan skills` opens your self-assessment; `/careerplan skills chart` posts your chart; admins edit the catalogue with `/careerplan skills admin`.';

/** `/careerplan skills [admin|chart]`. */
export function skillsCommand(edge: SkillsEdge): SubcommandHandler {
  return async (ctx) => {
    const [what, ...rest] = ctx.args.map((a) => a.toLowerCase());
    if (rest.length > 0 || (what !== undefined && what !== 'admin' && what !== 'chart')) {
      return { text: `I can't read \`${ctx.rest.slice(0, 40).replace(/`/g, "'")}\`. ${USAGE}` };
    }
    if (what === 'chart') {
      // Rendering and the three-call upload take longer than Slack's 3 seconds may allow.
      await ctx.ack();
      const { owner, member } = await ownerFor(edge, ctx.client, ctx.teamId, ctx.userId);
      const posted = await postChartToDm(edge, ctx.client, owner, memberName(member));
      return {
        text: posted
          ? ':bar_chart: Your skills chart is in your DM with careerplan.'
          : 'You have not rated any skills yet, so there is nothing to chart. Start with `/careerplan skills`.',
      };
    }
    await ctx.ack();
    if (what === 'admin') {
      if (!(await openAdmin(edge, ctx))) {
        return {
          text: 'Only workspace admins (or whoever installed careerplan) can edit the skills catalogue. `/careerplan skills` rates your own skills.',
        };
      }
      return undefined;
    }
    await openAssessment(edge, ctx);
    return undefined;
  };
}
