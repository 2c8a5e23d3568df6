import { describeKeyResult, progressBar } from '../../../../domain/plans/okrs.ts';
import { compareQuarters } from '../../../../domain/plans/quarters.ts';
import type { PlanOwner } from '../../../../domain/plans/records.ts';
import type { Reply, SubcommandHandler } from '../../../commands/router.ts';
import { esc, line } from '../../../kit/blocks.ts';
import { okrListMessage } from '../blocks/okr-list.ts';
import { memberFor, type PlanEdge, refreshHome } from '../context.ts';
import { openOkrForm } from '../forms.ts';

const USAGE =
  'Try `/careerplan okr` (this quarter), `/careerplan okr 2026-Q3` (another quarter), `/careerplan okr add` or `/careerplan okr progress 2 60`.';

/** The OKR list of a quarter as an ephemeral reply (also used after archive buttons). */
export async function okrList(
  edge: PlanEdge,
  owner: PlanOwner,
  quarterText?: string,
  notice?: string,
): Promise<Reply> {
  const okrs = edge.plans.okrs;
  const quarter = okrs.quarterFrom(owner, quarterText);
  const data = await okrs.quarter(owner, quarter);
  return okrListMessage({
    ...data,
    isCurrent: compareQuarters(quarter, okrs.currentQuarter(owner)) === 0,
    ...(notice ? { notice } : {}),
  });
}

/** `/careerplan okr [add | progress <kr#> <value> | <quarter>]`. */
export function okrCommand(edge: PlanEdge): SubcommandHandler {
  return async (ctx) => {
    const [word, ...rest] = ctx.args;
    const verb = word?.toLowerCase();
    if (verb === 'add') {
      if (rest.length > 0)
        return { text: `\`/careerplan okr add\` takes no arguments: it opens a form. ${USAGE}` };
      await ctx.ack();
      await openOkrForm(edge, ctx);
      return undefined;
    }
    const { owner } = await memberFor(edge, ctx.client, ctx.teamId, ctx.userId);
    if (verb === 'progress') {
      const result = await edge.plans.okrs.progress(owner, rest);
      // The check-in is stored: answer now, and republish App Home off the request path (it logs
      // its own failures), so a slow publish can never turn a stored check-in into an error.
      void refreshHome(edge, ctx.client, ctx.teamId, ctx.userId);
      const kr = result.keyResult;
      return {
        text:
          `:white_check_mark: KR ${result.number} · ${line(kr.title)}\n` +
          `\`${progressBar(result.after)}\` · ${esc(describeKeyResult(kr))} (was ${Math.round(result.before * 100)}%)`,
      };
    }
    if (verb === undefined || verb === 'list') {
      if (rest.length > 0) return { text: `\`/careerplan okr list\` takes no arguments. ${USAGE}` };
      return okrList(edge, owner);
    }
    if (rest.length === 0 && /\d/.test(word ?? '')) return okrList(edge, owner, word);
    return { text: `I don't know \`okr ${ctx.rest.slice(0, 40)}\`. ${USAGE}` };
  };
}
