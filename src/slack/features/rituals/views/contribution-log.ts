import type { AllMiddlewareArgs, SlackViewMiddlewareArgs } from '@slack/bolt';
import type { Deps } from '../../../../deps.ts';
import { validateContribution } from '../../../../domain/portfolio/contribution.ts';
import { localDateOf } from '../../../../domain/schedules/index.ts';
import { fieldErrorsFor } from '../../../kit/errors.ts';
import { fieldValue, metadataOf } from '../../../kit/view-state.ts';
import { CONTRIBUTION_FIELDS } from '../blocks/contribution-modal.ts';
import { reminderOutcome } from '../blocks/reminders.ts';

/**
 * The contribution modal: validated in place (nothing stored on error), then stored as a
 * portfolio artifact; the reminder it came from is marked done and its buttons replaced.
 */
export function contributionSubmitted(deps: Deps) {
  return async ({ ack, body, view, client }: SlackViewMiddlewareArgs & AllMiddlewareArgs) => {
    const teamId = body.team?.id ?? body.user.team_id;
    const userId = body.user.id;
    let contribution: ReturnType<typeof validateContribution>;
    try {
      contribution = validateContribution({
        kind: fieldValue(view, CONTRIBUTION_FIELDS.kind),
        title: fieldValue(view, CONTRIBUTION_FIELDS.title),
        link: fieldValue(view, CONTRIBUTION_FIELDS.link),
        impact: fieldValue(view, CONTRIBUTION_FIELDS.impact),
      });
    } catch (error) {
      const errors = fieldErrorsFor(error);
      if (!errors) throw error;
      await ack({ response_action: 'errors', errors });
      return;
    }
    if (!teamId) throw new Error('view submission without a team');
    const member = await deps.members.ensure(client, teamId, userId);
    const requestedId = metadataOf(view).deliveryId;
    const requested = typeof requestedId === 'string' ? requestedId : null;
    const delivery = requested ? await deps.deliveries.find(requested) : undefined;
    const own = delivery && delivery.teamId === teamId && delivery.userId === userId ? delivery : undefined;
    const today = localDateOf(deps.clock.now(), member.tz ?? 'UTC');
    await deps.portfolio.addContribution(teamId, userId, contribution, today, own?.id ?? null);
    if (own) await deps.deliveries.markDone(own.id);
    await ack();
    const confirmation = `:white_check_mark: Logged *${contribution.title}* to your portfolio. \`/careerplan contributions\` lists them.`;
    if (own?.dmChannelId && own.messageTs) {
      await client.chat.update({
        channel: own.dmChannelId,
        ts: own.messageTs,
        ...reminderOutcome(confirmation),
      });
    } else {
      await client.chat.postMessage({ channel: userId, text: confirmation });
    }
  };
}
