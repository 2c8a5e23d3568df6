import type { Occurrence } from '../../domain/rituals/occurrence.ts';
import { RITUAL_POST_KIND, ritualPostKey } from '../../domain/rituals/occurrence.ts';
import type { Ritual } from '../../domain/rituals/ritual.ts';
import { channelPostAt } from '../../domain/schedules/index.ts';
import type { Outbox } from '../../outbox/outbox.ts';
import { planMemberReminders, planSteps, type RitualEngineDeps } from '../ritual-engine.ts';

export interface FanoutDeps extends RitualEngineDeps {
  outbox: Outbox;
}

/**
 * One occurrence → one outbox row per person (DM rituals), or one channel post (channel
 * rituals, at the channel's zone). The ritual's people are read from Slack at each
 * occurrence: the human, active members of its channel, minus those who opted out (docs/product/rituals.md).
 * Rows are written in one transaction with the occurrence marked fanned out; timers are added
 * afterwards with deterministic ids, so a crash between the two is repaired by the retry (or by
 * reconcile) without any member getting a second row. The type's occurrence steps (a digest, a
 * presenter DM) are stored and armed here too, for ad-hoc runs that reconcile never planned.
 */
export async function fanoutOccurrence(deps: FanoutDeps, occurrenceId: string): Promise<void> {
  const occurrence = await deps.occurrences.findOccurrence(occurrenceId);
  if (!occurrence || occurrence.status === 'cancelled') return;
  const ritual = await deps.rituals.findById(occurrence.ritualId);
  if (occurrence.status === 'planned') {
    const type = ritual && deps.ritualTypes.get(ritual.name);
    if (!ritual || !type?.runnable || ritual.paused || !ritual.channelId) {
      await deps.occurrences.cancelOccurrence(occurrence.id);
      return;
    }
    if (type.audience === 'channel') {
      await postInChannel(deps, occurrence, ritual, ritual.channelId);
    } else {
      const planned = await planMemberReminders(deps, ritual, ritual.channelId, occurrence);
      await deps.occurrences.recordFanout(occurrence, planned);
    }
  }
  if (ritual) await planSteps(deps, occurrence, ritual);
  await deps.timers.deliver(await deps.occurrences.pendingReminders(occurrence.id));
}

/**
 * A channel ritual's occurrence is one post in its channel at the ritual's time in the channel's
 * zone (an ad-hoc run posts now), sent through the outbox like everything else.
 */
async function postInChannel(deps: FanoutDeps, occurrence: Occurrence, ritual: Ritual, channelId: string) {
  const team = await deps.calendar.teamCalendar(ritual.teamId);
  const dueAt =
    occurrence.kind === 'adhoc'
      ? deps.clock.now()
      : channelPostAt(occurrence.date, ritual.localTime, ritual.timeZone ?? team.timeZone);
  // The post first (idempotent by key), then the occurrence: a crash in between retries both.
  await deps.outbox.enqueue([
    {
      teamId: ritual.teamId,
      key: ritualPostKey(occurrence.id),
      kind: RITUAL_POST_KIND,
      target: { type: 'channel', channelId },
      dueAt,
      occurrenceId: occurrence.id,
      payload: { ritualId: ritual.id },
    },
  ]);
  await deps.occurrences.recordChannelPost(occurrence);
}

export function createFanoutOccurrenceHandler(deps: FanoutDeps) {
  return async (payload: { occurrenceId: string }) => fanoutOccurrence(deps, payload.occurrenceId);
}
