import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { KnownBlock } from '@slack/types';
import { DomainError } from '../../domain/errors.ts';
import type { Logger } from '../../ops/logger.ts';
import { header, modal, section } from './blocks.ts';
import { userMessageFor } from './errors.ts';

export type ActionArgs = SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs;

/** The button's value, or the chosen overflow option's value. */
export function actionValue(args: ActionArgs): string {
  const action = args.action as { value?: string; selected_option?: { value?: string } };
  return action.value ?? action.selected_option?.value ?? '';
}

/** An overflow option value `<verb>:<id>` split in two. */
export function verbAndId(value: string): { verb: string; id: string } {
  const at = value.indexOf(':');
  return at < 0 ? { verb: value, id: '' } : { verb: value.slice(0, at), id: value.slice(at + 1) };
}

/** The team and user of a click: Bolt's authorised team, the clicking user. */
export function whoClicked(args: ActionArgs): { teamId: string; userId: string } {
  return { teamId: args.context.teamId ?? args.body.team?.id ?? '', userId: args.body.user.id };
}

/** True when the click came from a message (an ephemeral list) rather than App Home or a modal. */
export function fromMessage(args: ActionArgs): boolean {
  return args.body.container?.type === 'message' && Boolean(args.body.response_url);
}

/** Replaces the ephemeral list the click came from (message clicks only). */
export async function replaceList(args: ActionArgs, message: { text: string; blocks?: KnownBlock[] }) {
  if (!fromMessage(args)) return;
  await args.respond({
    replace_original: true,
    response_type: 'ephemeral',
    text: message.text,
    ...(message.blocks ? { blocks: message.blocks } : {}),
  });
}

/**
 * Tells the clicking member why nothing happened: an ephemeral reply under the message they
 * clicked, or a small modal when they clicked in App Home.
 */
export async function tell(args: ActionArgs, title: string, text: string): Promise<void> {
  if (fromMessage(args)) {
    await args.respond({ replace_original: false, response_type: 'ephemeral', text });
    return;
  }
  await args.client.views.open({
    trigger_id: args.body.trigger_id,
    view: modal({ callbackId: NOTICE_VIEW, title, close: 'OK', blocks: [header(title), section(text)] }),
  });
}

/** The callback id of the "why nothing happened" notice modal (it is never submitted). */
export const NOTICE_VIEW = 'kit_notice';

/**
 * The guarded action: acknowledges at once, runs the work, and turns a DomainError (or a bug,
 * with a reference) into a message to the member instead of silence.
 */
export function guarded(edge: { logger: Logger }, work: (args: ActionArgs) => Promise<void>) {
  return async (args: ActionArgs) => {
    await args.ack();
    try {
      await work(args);
    } catch (error) {
      const text = userMessageFor(error, edge.logger, { action: args.action.action_id });
      await tell(args, error instanceof DomainError ? 'Nothing changed' : 'Something went wrong', text).catch(
        (e: unknown) => edge.logger.warn({ err: e }, 'could not report an action failure'),
      );
    }
  };
}
