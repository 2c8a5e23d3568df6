import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { Subcommands } from '../../../services.ts';
import { helpModal } from '../blocks/help-modal.ts';

/** Home tab's help button: the same list as `/careerplan help`, in a modal. */
export function showHelp(subcommands: Subcommands) {
  return async ({ ack, body, client }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs) => {
    await ack();
    await client.views.open({
      trigger_id: body.trigger_id,
      view: helpModal(new Set(Object.keys(subcommands))),
    });
  };
}
