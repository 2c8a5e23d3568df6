import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import {
  formatTime,
  localTimeOf,
  type SnoozeOption,
  snoozeUntil,
} from '../../../../domain/schedules/index.ts';
import type { OutboxMessage } from '../../../../outbox/message.ts';
import { reminderOutcome } from '../blocks/reminders.ts';
import type { RitualEdge } from '../context.ts';
import { parseReminderValue } from '../ids.ts';

type Args = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;

async function tell(args: Args, text: string): Promise<void> {
  await args.respond({ response_type: 'ephemeral', replace_original: false, text });
}

/** Loads the reminder behind a button, refusing anyone but its member in its workspace. */
async function ownReminder(deps: RitualEdge, args: Args): Promise<OutboxMessage | undefined> {
  const value = parseReminderValue(args.action.value);
  const reminder = value ? await deps.outbox.find(value.deliveryId) : undefined;
  const teamId = args.context.teamId ?? args.body.team?.id;
  if (
    !reminder ||
    reminder.teamId !== teamId ||
    reminder.userId !== args.body.user.id ||
    !reminder.occurrenceId
  ) {
    await tell(args, 'This reminder is not yours, so nothing was changed.');
    return undefined;
  }
  return reminder;
}

async function replaceReminder(args: Args, text: string): Promise<void> {
  const channel = args.body.container?.channel_id ?? args.body.channel?.id;
  const ts = args.body.container?.message_ts ?? args.body.message?.ts;
  if (channel && ts) await args.client.chat.update({ channel, ts, ...reminderOutcome(text) });
}

/** The ritual a reminder belongs to, from the row's payload. */
async function ritualOf(deps: RitualEdge, reminder: OutboxMessage) {
  const id = reminder.payload.ritualId;
  return typeof id === 'string' ? deps.rituals.findById(id) : undefined;
}

/** An old reminder's occurrence is over once a newer occurrence of the same ritual went out. */
async function isOver(deps: RitualEdge, reminder: OutboxMessage, ritualId: string): Promise<boolean> {
  const [latest, own] = await Promise.all([
    deps.occurrences.latestFannedOut(ritualId),
    deps.occurrences.findOccurrence(reminder.occurrenceId ?? ''),
  ]);
  return !own || (latest !== undefined && latest.id !== own.id && latest.fanoutAt > own.fanoutAt);
}

/** "Do it now": opens the ritual type's modal. Works on old reminders too (a late entry is welcome). */
export function reminderDoNow(deps: RitualEdge) {
  return async (args: Args) => {
    await args.ack();
    const reminder = await ownReminder(deps, args);
    if (!reminder) return;
    const ritual = await ritualOf(deps, reminder);
    const edge = ritual ? deps.typeEdges().get(ritual.name) : undefined;
    if (!edge?.openDoNow) {
      await tell(args, 'This ritual’s form is coming soon.');
      return;
    }
    await edge.openDoNow({ client: args.client, triggerId: args.body.trigger_id, reminder });
  };
}

/** Snooze 1 hour or until tomorrow at the same local time: a new round of the same reminder. */
export function reminderSnooze(deps: RitualEdge, option: SnoozeOption) {
  return async (args: Args) => {
    await args.ack();
    const reminder = await ownReminder(deps, args);
    if (!reminder) return;
    const ritual = await ritualOf(deps, reminder);
    const clickedRound = parseReminderValue(args.action.value)?.round;
    if (clickedRound !== reminder.round) {
      await tell(args, 'A newer reminder replaced this one; use the buttons on the latest message.');
      return;
    }
    // A scheduled reminder someone can click has been shown by Slack: it counts as sent.
    const shown = reminder.status === 'sent' || reminder.status === 'scheduled';
    if (!ritual || !shown || (await isOver(deps, reminder, ritual.id))) {
      await tell(
        args,
        'This reminder’s occurrence is over or already handled, so there is nothing to snooze.',
      );
      return;
    }
    const tz = reminder.tz ?? 'UTC';
    const dueAt = snoozeUntil(option, deps.clock.now(), tz, ritual.localTime);
    if (!(await deps.outbox.reschedule(reminder, dueAt))) {
      await tell(args, 'This reminder was already snoozed or handled.');
      return;
    }
    const when =
      option === '1h'
        ? `at ${formatTime(localTimeOf(dueAt, tz))}`
        : `tomorrow at ${formatTime(ritual.localTime)}`;
    await replaceReminder(args, `:alarm_clock: Snoozed — I’ll remind you ${when} (${tz}).`);
  };
}

/** "Skip this time": no more reminders for this occurrence. */
export function reminderSkip(deps: RitualEdge) {
  return async (args: Args) => {
    await args.ack();
    const reminder = await ownReminder(deps, args);
    if (!reminder) return;
    if (reminder.status === 'done' || reminder.status === 'skipped') {
      await tell(args, 'This reminder was already handled.');
      return;
    }
    await deps.outbox.markSkipped(reminder.id, 'member_skipped');
    const ritual = await ritualOf(deps, reminder);
    const title = ritual ? deps.types.get(ritual.name)?.title.toLowerCase() : undefined;
    await replaceReminder(args, `:fast_forward: Skipped this ${title ?? 'reminder'}. See you next time.`);
  };
}
