import { LEARNING_HOUR } from '../../../domain/learning-hour/learning-hour.ts';
import { digestAt, reminderDate, reminderStepAt } from '../../../domain/learning-hour/week-schedule.ts';
import { formatTime, localDateOf, localTimeOf } from '../../../domain/schedules/index.ts';
import type { RitualTypeEdge } from '../../kit/feature.ts';
import { summaryModal } from './blocks/summary-modal.ts';
import { threadPost } from './blocks/thread-post.ts';
import type { LearningHourEdge } from './context.ts';
import { LEARNING_HOUR_ACTIONS } from './ids.ts';

/** The step names of a learning-hour week (stored with each occurrence: keep them stable). */
export const LEARNING_HOUR_STEPS = { reminders: 'reminders', digest: 'digest' } as const;

/**
 * The weekly learning hour (docs/product/rituals.md) on the ritual engine: each occurrence opens
 * the week's thread in the channel (the engine's channel post); its steps remind the members who
 * have not contributed, at their own local time, on the last work day before the digest, and
 * post the digest in the thread the day before the next thread.
 */
export function learningHourRitual(edge: LearningHourEdge): RitualTypeEdge {
  return {
    type: {
      name: LEARNING_HOUR,
      title: 'Weekly learning hour',
      description: 'one thread a week for learning summaries, with a digest at the end of the week',
      cadence: { kind: 'weekly', weekday: 4 },
      localTime: { hour: 16, minute: 0 },
      audience: 'channel',
      opensThread: true,
      runnable: true,
      steps: [
        {
          name: LEARNING_HOUR_STEPS.reminders,
          dueAt: reminderStepAt,
          async run({ occurrence, ritual, timing, engine }) {
            const date = reminderDate(timing);
            if (!date) return { skip: 'week_too_short' };
            await engine.remindMembers({ occurrence, ritual, localDate: date });
            return {};
          },
        },
        {
          name: LEARNING_HOUR_STEPS.digest,
          dueAt: digestAt,
          async run({ occurrence }) {
            const outcome = await edge.digests.postForWeek(occurrence.id);
            return outcome.posted ? {} : { skip: outcome.reason };
          },
        },
      ],
    },
    prompt: {
      text: ":books: *What did you learn this week?* You have not shared a learning summary yet: a few sentences go into this week's thread and its digest.",
      doNow: 'Write my summary',
    },
    async openDoNow({ client, triggerId, reminder }) {
      await client.views.open({ trigger_id: triggerId, view: summaryModal({ reminderId: reminder.id }) });
    },
    async channelPost(ritual, post) {
      const digest = await edge.steps.forOccurrence(post.occurrenceId, LEARNING_HOUR_STEPS.digest);
      const zone = ritual.timeZone ?? (await edge.calendar.teamCalendar(ritual.teamId)).timeZone;
      const when = digest
        ? `on ${localDateOf(digest.dueAt, zone)} at ${formatTime(localTimeOf(digest.dueAt, zone))} (${zone})`
        : undefined;
      return threadPost(post.occurrenceId, when);
    },
    async reminderSkipReason(reminder) {
      if (!reminder.occurrenceId || !reminder.userId) return undefined;
      const answered = await edge.summaries.hasContributed(reminder.occurrenceId, reminder.userId);
      return answered ? 'already_contributed' : undefined;
    },
    async digestNow({ teamId }) {
      const posted = await edge.digests.postNow(teamId);
      return {
        text: `:books: The digest of the ${posted.week.date} thread is on its way into the thread: ${posted.summaries} summar${posted.summaries === 1 ? 'y' : 'ies'} from ${posted.people} ${posted.people === 1 ? 'person' : 'people'}, in ${posted.parts} ${posted.parts === 1 ? 'reply' : 'replies'}.`,
      };
    },
    respondedCount: (occurrenceId) => edge.summaries.authorCount(occurrenceId),
    home: {
      async status({ member }) {
        const week = await edge.summaries.currentWeek(member.teamId);
        if (!week) return undefined;
        return (await edge.summaries.hasContributed(week.occurrenceId, member.userId))
          ? `:white_check_mark: You shared a learning summary this week (thread of ${week.date}).`
          : `:hourglass_flowing_sand: No learning summary from you yet this week (thread of ${week.date}).`;
      },
      button: { actionId: LEARNING_HOUR_ACTIONS.postFromHome, text: 'Post a summary' },
    },
  };
}
