import type { GivenSummary } from '../../../../domain/learning-hour/summary.service.ts';
import { formSubmission } from '../../../kit/form.ts';
import { fieldValue, metadataOf } from '../../../kit/view-state.ts';
import type { LearningHourEdge } from '../context.ts';
import { SUMMARY_FIELDS } from '../ids.ts';

const asId = (value: unknown) => (typeof value === 'string' && /^\d+$/.test(value) ? value : null);

/**
 * The summary form: validated in place (nothing stored on error; a resubmit stores once), then
 * stored and echoed into the thread. A reminder it came from is replaced by a confirmation.
 */
export function summarySubmitted(edge: LearningHourEdge) {
  return formSubmission<GivenSummary>(
    { logger: edge.logger, guard: edge.guard },
    {
      fallbackBlock: SUMMARY_FIELDS.text,
      async save({ args: { view, client }, teamId, userId }) {
        const metadata = metadataOf(view);
        // The thread names the member: their profile is stored before the echo can be sent.
        await edge.resolver.resolve(client, teamId, userId);
        return edge.summaryService.give({
          teamId,
          userId,
          text: fieldValue(view, SUMMARY_FIELDS.text),
          link: fieldValue(view, SUMMARY_FIELDS.link),
          source: 'modal',
          reminderId: asId(metadata.reminderId),
          weekId: asId(metadata.weekId),
        });
      },
      async after({ args: { client }, teamId, userId }, given) {
        const { reminder } = given;
        if (reminder?.channelId && reminder.messageTs) {
          const text = given.week
            ? `:white_check_mark: Thanks! Your learning summary is in the thread of ${given.week.date}.`
            : ':white_check_mark: Thanks! Your learning summary is stored for the next digest.';
          await client.chat.update({
            channel: reminder.channelId,
            ts: reminder.messageTs,
            text,
            blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }],
          });
        }
        await edge.home.refresh(client, teamId, userId);
      },
    },
  );
}
