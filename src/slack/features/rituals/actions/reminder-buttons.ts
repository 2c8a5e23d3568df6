import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { Deps } from '../../../../deps.ts';
import type { Delivery } from '../../../../domain/rituals/delivery.ts';
import { RITUAL_DEFINITIONS } from '../../../../domain/rituals/ritual.ts';
import {
  formatTime,
  localTimeOf,
  type SnoozeOption,
  snoozeUntil,
} from '../../../../domain/schedules/index.ts';
import { contributionModal } from '../blocks/contribution-modal.ts';
import { reminderOutcome } from '../blocks/reminders.ts';
import { parseReminderValue } from '../ids.ts';

type Args = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;

/** Loads the delivery behind a reminder button, refusing anyone but its member in its workspace. */
async function ownDelivery(deps: Deps, args: Args): Promise<Delivery | undefined> {
  const value = parseReminderValue(args.action.value);
  const delivery = value ? await deps.deliveries.find(value.deliveryId) : undefined;
  const teamId = args.context.teamId ?? args.body.team?.id;
  if (!delivery || delivery.teamId !== teamId || delivery.userId !== args.body.user.id) {
    await args.respond({
      response_type: 'ephemeral',
      replace_original: false,
      text: 'This reminder is not yours, so nothing was changed.',
    });
    return undefined;
  }
  return delivery;
}

async function replaceReminder(args: Args, text: string): Promise<void> {
  const channel = args.body.container?.channel_id ?? args.body.channel?.id;
  const ts = args.body.container?.message_ts ?? args.body.message?.ts;
  if (channel && ts) await args.client.chat.update({ channel, ts, ...reminderOutcome(text) });
}

/** An old reminder's occurrence is over once a newer occurrence of the same ritual went out. */
async function isOver(deps: Deps, delivery: Delivery): Promise<boolean> {
  const [latest, own] = await Promise.all([
    deps.deliveries.latestFannedOut(delivery.ritualId),
    deps.deliveries.findOccurrence(delivery.occurrenceId),
  ]);
  return !own || (latest !== undefined && latest.id !== own.id && latest.fanoutAt > own.fanoutAt);
}

/** "Do it now": opens the ritual's modal. Works on old reminders too (a late entry is welcome). */
export function reminderDoNow(deps: Deps) {
  return async (args: Args) => {
    await args.ack();
    const delivery = await ownDelivery(deps, args);
    if (!delivery) return;
    const ritual = await deps.rituals.findById(delivery.ritualId);
    if (ritual?.name !== 'contribution') {
      await args.respond({
        response_type: 'ephemeral',
        replace_original: false,
        text: 'This ritual’s form is coming soon.',
      });
      return;
    }
    await args.client.views.open({ trigger_id: args.body.trigger_id, view: contributionModal(delivery.id) });
  };
}

/** Snooze 1 hour or until tomorrow at the same local time: a new round of the same delivery. */
export function reminderSnooze(deps: Deps, option: SnoozeOption) {
  return async (args: Args) => {
    await args.ack();
    const delivery = await ownDelivery(deps, args);
    if (!delivery) return;
    const ritual = await deps.rituals.findById(delivery.ritualId);
    const clickedRound = parseReminderValue(args.action.value)?.round;
    if (clickedRound !== delivery.round) {
      await args.respond({
        response_type: 'ephemeral',
        replace_original: false,
        text: 'A newer reminder replaced this one; use the buttons on the latest message.',
      });
      return;
    }
    if (!ritual || delivery.status !== 'sent' || (await isOver(deps, delivery))) {
      await args.respond({
        response_type: 'ephemeral',
        replace_original: false,
        text: 'This reminder’s occurrence is over or already handled, so there is nothing to snooze.',
      });
      return;
    }
    const now = deps.clock.now();
    const dueAt = snoozeUntil(option, now, delivery.tz, ritual.localTime);
    const round = await deps.deliveries.snooze(delivery.id, dueAt);
    if (round === undefined) {
      await args.respond({
        response_type: 'ephemeral',
        replace_original: false,
        text: 'This reminder was already snoozed or handled.',
      });
      return;
    }
    await deps.timers.deliver([{ ...delivery, round, dueAt, status: 'planned' }]);
    const when =
      option === '1h'
        ? `at ${formatTime(localTimeOf(dueAt, delivery.tz))}`
        : `tomorrow at ${formatTime(ritual.localTime)}`;
    await replaceReminder(args, `:alarm_clock: Snoozed — I’ll remind you ${when} (${delivery.tz}).`);
  };
}

/** "Skip this time": no more reminders for this occurrence. */
export function reminderSkip(deps: Deps) {
  return async (args: Args) => {
    await args.ack();
    const delivery = await ownDelivery(deps, args);
    if (!delivery) return;
    if (delivery.status === 'done' || delivery.status === 'skipped') {
      await args.respond({
        response_type: 'ephemeral',
        replace_original: false,
        text: 'This reminder was already handled.',
      });
      return;
    }
    await deps.deliveries.markSkipped(delivery.id, 'member_skipped');
    const ritual = await deps.rituals.findById(delivery.ritualId);
    await replaceReminder(
      args,
      `:fast_forward: Skipped this ${ritual ? RITUAL_DEFINITIONS[ritual.name].title.toLowerCase() : 'reminder'}. See you next time.`,
    );
  };
}
