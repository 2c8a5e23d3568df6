import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { HelpEntry } from '../../../kit/feature.ts';
import { helpModal } from '../blocks/help-modal.ts';

/** Home tab's help button: the same list as `/careerplan help`, in a modal. */
export function showHelp(entries: () => readonly HelpEntry[]) {
  return async ({ ack, body, client }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs) => {
    await ack();
    await client.views.open({ trigger_id: body.trigger_id, view: helpModal(entries()) });
  };
}
