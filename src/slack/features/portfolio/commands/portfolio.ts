import type { SubcommandHandler } from '../../../commands/router.ts';
import { portfolioListMessage } from '../blocks/portfolio-list.ts';
import { ownerFor, type PortfolioEdge } from '../context.ts';
import { openAddForm } from '../forms.ts';

const USAGE =
  '`/careerplan portfolio` lists your artifacts by quarter and `/careerplan portfolio add` opens a form to add one.';

/** `/careerplan portfolio [list|add]`. */
export function portfolioCommand(edge: PortfolioEdge): SubcommandHandler {
  return async (ctx) => {
    const [word, ...extra] = ctx.args.map((a) => a.toLowerCase());
    if (extra.length > 0 || (word !== undefined && word !== 'add' && word !== 'list')) {
      return { text: `I don't know \`portfolio ${ctx.rest.slice(0, 40).replace(/`/g, "'")}\`. ${USAGE}` };
    }
    if (word === 'add') {
      await ctx.ack();
      await openAddForm(edge, ctx);
      return undefined;
    }
    const { owner } = await ownerFor(edge, ctx.client, ctx.teamId, ctx.userId);
    return portfolioListMessage(await edge.portfolio.list(owner));
  };
}
