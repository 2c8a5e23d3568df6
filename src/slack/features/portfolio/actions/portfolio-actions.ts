import { type ActionArgs, actionValue, guarded, tell, verbAndId, whoClicked } from '../../../kit/actions.ts';
import type { PortfolioEdge } from '../context.ts';
import { exportPortfolio } from '../exports.ts';
import { type FormRequest, openAddForm, openEditForm, openRemoveForm } from '../forms.ts';
import { PORTFOLIO_MENU_VERBS } from '../ids.ts';

/** The click's form request; a click in a list answers by replacing that list. */
function requestOf(args: ActionArgs): FormRequest {
  const responseUrl = args.body.container?.type === 'message' ? args.body.response_url : undefined;
  return {
    client: args.client,
    triggerId: args.body.trigger_id,
    ...whoClicked(args),
    ...(responseUrl ? { responseUrl, answer: 'list' as const } : {}),
  };
}

/** "Add an artifact" (App Home, the list). */
export function openAddAction(edge: PortfolioEdge) {
  return guarded(edge, async (args) => openAddForm(edge, requestOf(args)));
}

/** An artifact's menu in `/careerplan portfolio`: edit or remove (after a confirmation). */
export function artifactMenuAction(edge: PortfolioEdge) {
  return guarded(edge, async (args) => {
    const { verb, id } = verbAndId(actionValue(args));
    if (verb === PORTFOLIO_MENU_VERBS.edit) await openEditForm(edge, requestOf(args), id);
    else if (verb === PORTFOLIO_MENU_VERBS.remove) await openRemoveForm(edge, requestOf(args), id);
    else throw new Error(`unknown portfolio menu verb "${verb}"`);
  });
}

/** "Export" (App Home, the list): the same as `/careerplan export portfolio`. */
export function exportAction(edge: PortfolioEdge) {
  return guarded(edge, async (args) => {
    const { teamId, userId } = whoClicked(args);
    const reply = await exportPortfolio(edge, args.client, teamId, userId);
    if (args.body.container?.type === 'message') await tell(args, 'Portfolio exported', reply);
  });
}
