import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { type ActionArgs, actionValue, guarded, tell, whoClicked } from '../../../kit/actions.ts';
import { settled } from '../blocks/dms.ts';
import { topicModal } from '../blocks/topic-modal.ts';
import { type DesignReviewEdge, nameOf, refreshSessionPost } from '../context.ts';

type ButtonArgs = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;

/** Replaces the DM whose button was clicked, so its buttons cannot be used twice. */
async function replaceClicked(args: ActionArgs, text: string): Promise<void> {
  const channel = args.body.container?.channel_id ?? args.body.channel?.id;
  const ts = args.body.container?.message_ts ?? args.body.message?.ts;
  if (channel && ts) await args.client.chat.update({ channel, ts, ...settled(text) });
}

/** "I'm attending" under the session post: recorded once per member. */
export function attendAction(edge: DesignReviewEdge) {
  return guarded(edge, async (args) => {
    const { teamId, userId } = whoClicked(args);
    const { session, already } = await edge.service.attend(actionValue(args), teamId, userId);
    await tell(
      args,
      'Design review',
      already
        ? `You are already on the list for the design review of ${session.date}.`
        : `:white_check_mark: You are on the list for the design review of ${session.date}. Afterwards you may be asked for feedback for the presenter.`,
    );
  });
}

/** The presenter DM's "Set the topic": the topic form (checked again when submitted). */
export function setTopicAction(edge: DesignReviewEdge) {
  return guarded(edge, async (args) => {
    const { teamId, userId } = whoClicked(args);
    const session = await edge.reviews.session(actionValue(args));
    if (session?.teamId !== teamId || session.presenterId !== userId) {
      await tell(args, 'Design review', 'Only the presenter of this session can set its topic.');
      return;
    }
    await args.client.views.open({
      trigger_id: args.body.trigger_id,
      view: topicModal(session.occurrenceId, session.topic),
    });
  });
}

/** The presenter DM's "Ask … to swap": the next person gets a request they must accept. */
export function askSwapAction(edge: DesignReviewEdge) {
  return guarded(edge, async (args) => {
    const { teamId, userId } = whoClicked(args);
    const { to } = await edge.swaps.requestSwap(actionValue(args), teamId, userId);
    const name = (await nameOf(edge, teamId, to)) ?? 'the next person';
    await tell(
      args,
      'Swap requested',
      `:arrows_counterclockwise: I asked ${name} to take your session. You still present until they accept; I will tell you their answer.`,
    );
  });
}

/** Accept or decline a swap request (only the person asked). */
export function answerSwapAction(edge: DesignReviewEdge, accept: boolean) {
  return guarded(edge, async (args: ButtonArgs | ActionArgs) => {
    const { teamId, userId } = whoClicked(args);
    const swapId = actionValue(args);
    const status = await edge.swaps.answerSwap(swapId, teamId, userId, accept);
    const swap = await edge.reviews.swap(swapId);
    const session = swap ? await edge.reviews.session(swap.occurrenceId) : undefined;
    const date = session?.date ?? 'that day';
    const text =
      status === 'accepted'
        ? `:white_check_mark: You present at the design review of ${date}. Your presenter DM follows.`
        : status === 'declined'
          ? `You declined; the presenter of ${date} stays as it was.`
          : 'This request no longer applies (the session changed hands or is over), so nothing changed.';
    await replaceClicked(args, text);
    if (status === 'accepted' && swap) await refreshSessionPost(edge, args.client, swap.occurrenceId);
  });
}
