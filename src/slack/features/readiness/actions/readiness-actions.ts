import { type ActionArgs, actionValue, guarded, whoClicked } from '../../../kit/actions.ts';
import type { ReadinessEdge } from '../context.ts';
import { openLinkForm } from '../forms.ts';
import { parseItemValue } from '../ids.ts';

/** "Link evidence" on an item (the list, App Home) or the Home picker: the evidence form. */
export function linkItemAction(edge: ReadinessEdge) {
  return guarded(edge, async (args: ActionArgs) => {
    const { track, key } = parseItemValue(actionValue(args));
    const responseUrl = args.body.container?.type === 'message' ? args.body.response_url : undefined;
    await openLinkForm(
      edge,
      {
        client: args.client,
        triggerId: args.body.trigger_id,
        ...whoClicked(args),
        ...(responseUrl ? { responseUrl } : {}),
      },
      track,
      key,
    );
  });
}
