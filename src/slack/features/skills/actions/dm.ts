import type { App, BlockAction } from '@slack/bolt';
import {
  formatTime,
  localTimeOf,
  type SnoozeOption,
  snoozeUntil,
} from '../../../../domain/schedules/index.ts';
import { CHECKIN_KIND, RETRO_KIND } from '../../../../domain/skills/checkin-planner.ts';
import { CHECKIN_TIME } from '../../../../domain/skills/checkin-schedule.ts';
import type { OutboxMessage } from '../../../../outbox/message.ts';
import { type ActionArgs, actionValue, guarded, tell, whoClicked } from '../../../kit/actions.ts';
import { checkinModal } from '../blocks/checkin.ts';
import { retroModal } from '../blocks/forms.ts';
import { ownerFor, type SkillsEdge } from '../context.ts';
import { openSprintStart } from '../forms.ts';
import { parseOutboxValue, SKILL_ACTIONS } from '../ids.ts';

/** The DM row behind a button, refused unless it is the clicking member's own, of `kind`. */
async function ownRow(edge: SkillsEdge, args: ActionArgs, kind: string): Promise<OutboxMessage | undefined> {
  const value = actionValue(args);
  const rowId = parseOutboxValue(value)?.rowId ?? (/^\d+$/.test(value) ? value : undefined);
  const row = rowId ? await edge.outbox.find(rowId) : undefined;
  const { teamId, userId } = whoClicked(args);
  if (!row || row.kind !== kind || row.teamId !== teamId || row.userId !== userId) {
    await tell(args, 'Not yours', 'This message is not yours, so nothing was changed.');
    return undefined;
  }
  return row;
}

async function replaceDm(args: ActionArgs, text: string): Promise<void> {
  const channel = args.body.container?.channel_id ?? args.body.channel?.id;
  const ts = args.body.container?.message_ts ?? args.body.message?.ts;
  if (channel && ts) {
    await args.client.chat.update({
      channel,
      ts,
      text,
      blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }],
    });
  }
}

/** Check-in buttons (rate now, snooze, skip) and the retrospective DM's buttons. */
export function registerSkillsDmActions(app: App, edge: SkillsEdge): void {
  const on = (id: string, work: (args: ActionArgs) => Promise<void>) =>
    app.action<BlockAction>(id, guarded(edge, work));

  on(SKILL_ACTIONS.checkinOpen, async (args) => {
    const row = await ownRow(edge, args, CHECKIN_KIND);
    if (!row) return;
    const { owner } = await ownerFor(edge, args.client, row.teamId, args.body.user.id);
    const focus = await edge.services.skills.checkinFocus(owner);
    await args.client.views.open({
      trigger_id: args.body.trigger_id,
      view: checkinModal({ skills: focus.skills, history: focus.profile.history, rowId: row.id }),
    });
  });

  const snooze = (option: SnoozeOption) => async (args: ActionArgs) => {
    const row = await ownRow(edge, args, CHECKIN_KIND);
    if (!row) return;
    if (parseOutboxValue(actionValue(args))?.round !== row.round) {
      await tell(
        args,
        'Check-in',
        'A newer check-in replaced this one; use the buttons on the latest message.',
      );
      return;
    }
    const tz = row.tz ?? (await ownerFor(edge, args.client, row.teamId, row.userId ?? '')).owner.tz;
    const dueAt = snoozeUntil(option, edge.clock.now(), tz, CHECKIN_TIME);
    if (row.status !== 'sent' || !(await edge.outbox.reschedule(row, dueAt))) {
      await tell(args, 'Check-in', 'This check-in was already snoozed, answered or skipped.');
      return;
    }
    const when =
      option === '1h'
        ? `at ${formatTime(localTimeOf(dueAt, tz))}`
        : `tomorrow at ${formatTime(CHECKIN_TIME)}`;
    await replaceDm(args, `:alarm_clock: Snoozed: I’ll ask again ${when} (${tz}).`);
  };
  on(SKILL_ACTIONS.checkinSnoozeHour, snooze('1h'));
  on(SKILL_ACTIONS.checkinSnoozeTomorrow, snooze('tomorrow'));

  on(SKILL_ACTIONS.checkinSkip, async (args) => {
    const row = await ownRow(edge, args, CHECKIN_KIND);
    if (!row) return;
    if (!(await edge.outbox.markSkipped(row.id, 'member_skipped'))) {
      await tell(args, 'Check-in', 'This check-in was already answered or skipped.');
      return;
    }
    await replaceDm(args, ':fast_forward: Skipped this check-in. See you next cycle.');
  });

  on(SKILL_ACTIONS.retroOpen, async (args) => {
    const row = await ownRow(edge, args, RETRO_KIND);
    if (!row) return;
    const sprintId = row.payload.sprintId;
    await args.client.views.open({
      trigger_id: args.body.trigger_id,
      view: retroModal(typeof sprintId === 'string' ? sprintId : '', row.id),
    });
  });

  on(SKILL_ACTIONS.retroNextSprint, async (args) => {
    const row = await ownRow(edge, args, RETRO_KIND);
    if (!row) return;
    await openSprintStart(edge, {
      client: args.client,
      triggerId: args.body.trigger_id,
      ...whoClicked(args),
    });
  });
}
