import type { LoggedContribution } from '../../../../domain/portfolio/contribution.service.ts';
import { md } from '../../../kit/blocks.ts';
import { formSubmission } from '../../../kit/form.ts';
import { fieldValue, metadataOf } from '../../../kit/view-state.ts';
import { CONTRIBUTION_FIELDS } from '../blocks/contribution-modal.ts';
import { reminderOutcome } from '../blocks/reminders.ts';
import type { RitualEdge } from '../context.ts';

/**
 * The contribution modal: read the form and log it (validated in place; nothing stored on
 * error; a resubmit stores once), then replace the reminder it came from with a confirmation.
 */
export function contributionSubmitted(deps: RitualEdge) {
  return formSubmission<LoggedContribution>(
    { logger: deps.logger, guard: deps.guard },
    {
      fallbackBlock: CONTRIBUTION_FIELDS.title,
      async save({ args: { view, client }, teamId, userId }) {
        const requested = metadataOf(view).deliveryId;
        const { tz } = await deps.resolver.resolve(client, teamId, userId);
        return deps.contributions.log({
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
      },
      async after({ args: { client }, teamId, userId }, logged) {
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
        await deps.home.refresh(client, teamId, userId);
      },
    },
  );
}
