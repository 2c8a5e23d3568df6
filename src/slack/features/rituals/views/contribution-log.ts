import type { AllMiddlewareArgs, SlackViewMiddlewareArgs } from '@slack/bolt';
import { md } from '../../../kit/blocks.ts';
import { fieldErrorsFor } from '../../../kit/errors.ts';
import { fieldValue, metadataOf } from '../../../kit/view-state.ts';
import { CONTRIBUTION_FIELDS } from '../blocks/contribution-modal.ts';
import { reminderOutcome } from '../blocks/reminders.ts';
import type { RitualEdge } from '../context.ts';

/**
 * The contribution modal: read the form, log it (validated in place; nothing stored on error),
 * then replace the reminder it came from with a confirmation.
 */
export function contributionSubmitted(deps: RitualEdge) {
  return async ({ ack, body, view, client }: SlackViewMiddlewareArgs & AllMiddlewareArgs) => {
    const teamId = body.team?.id ?? body.user.team_id;
    if (!teamId) throw new Error('view submission without a team');
    const userId = body.user.id;
    const requested = metadataOf(view).deliveryId;
    let logged: Awaited<ReturnType<RitualEdge['contributions']['log']>>;
    try {
      const { tz } = await deps.resolver.resolve(client, teamId, userId);
      logged = await deps.contributions.log({
        teamId,
        userId,
        tz,
        fields: {
          kind: fieldValue(view, CONTRIBUTION_FIELDS.kind),
          title: fieldValue(view, CONTRIBUTION_FIELDS.title),
          link: fieldValue(view, CONTRIBUTION_FIELDS.link),
          impact: fieldValue(view, CONTRIBUTION_FIELDS.impact),
        },
        reminderId: typeof requested === 'string' ? requested : null,
      });
    } catch (error) {
      const errors = fieldErrorsFor(error);
      if (!errors) throw error;
      await ack({ response_action: 'errors', errors });
      return;
    }
    await ack();
    const confirmation = md`:white_check_mark: Logged *${logged.contribution.title}* to your portfolio. \`/careerplan contributions\` lists them.`;
    const { reminder } = logged;
    if (reminder?.channelId && reminder.messageTs) {
      await client.chat.update({
        channel: reminder.channelId,
        ts: reminder.messageTs,
        ...reminderOutcome(confirmation),
      });
    } else {
      await client.chat.postMessage({ channel: userId, text: confirmation });
    }
  };
}
