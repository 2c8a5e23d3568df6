import { type ActionArgs, actionValue, fromMessage, guarded, whoClicked } from '../../../kit/actions.ts';
import { answerModal, declineModal } from '../blocks/modals.ts';
import type { FeedbackEdge } from '../context.ts';
import { openRequestForm } from '../forms.ts';

/**
 * The buttons of feedback DMs and App Home. Each checks that the ask or conversation is the
 * clicker's own, in their workspace; anything else gets the same "not yours" answer.
 */

/** Answer: opens the answer form, unless the ask is done, closed (a polite no) or not theirs. */
export function answerButton(edge: FeedbackEdge) {
  return guarded(edge, async (args: ActionArgs) => {
    const { teamId, userId } = whoClicked(args);
    const { request, ask } = await edge.requests.openAsk(teamId, userId, actionValue(args));
    await args.client.views.open({ trigger_id: args.body.trigger_id, view: answerModal(request, ask.id) });
  });
}

/** Decline: opens the decline form with an optional reason. */
export function declineButton(edge: FeedbackEdge) {
  return guarded(edge, async (args: ActionArgs) => {
    const { teamId, userId } = whoClicked(args);
    const { request, ask } = await edge.requests.openAsk(teamId, userId, actionValue(args));
    await args.client.views.open({ trigger_id: args.body.trigger_id, view: declineModal(request, ask.id) });
  });
}

/** App Home's "Ask for feedback". */
export function openRequestButton(edge: FeedbackEdge) {
  return guarded(edge, async (args: ActionArgs) => {
    await openRequestForm(edge, {
      client: args.client,
      triggerId: args.body.trigger_id,
      ...whoClicked(args),
    });
  });
}

/** "We had it": the member or the manager confirms the feedback conversation happened. */
export function conversationHeldButton(edge: FeedbackEdge) {
  return guarded(edge, async (args: ActionArgs) => {
    const { teamId, userId } = whoClicked(args);
    const { conversation, held } = await edge.conversations.confirm({
      teamId,
      userId,
      conversationId: actionValue(args),
    });
    const other = conversation.userId === userId ? conversation.managerId : conversation.userId;
    const text = held
      ? ':tada: Noted: your feedback conversation is done, and you both confirmed it.'
      : `:white_check_mark: Noted. It counts once <@${other ?? ''}> confirms too.`;
    if (fromMessage(args)) {
      await args.respond({ replace_original: true, response_type: 'in_channel', text, blocks: [] });
    }
    await edge.home.refresh(args.client, teamId, userId);
    if (held && other) await edge.home.refresh(args.client, teamId, other);
  });
}
