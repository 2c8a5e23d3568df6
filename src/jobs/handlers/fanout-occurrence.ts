import type { Clock } from '../../domain/clock.ts';
import type { CalendarRepository } from '../../domain/rituals/calendar.repository.ts';
import { planDeliveries } from '../../domain/rituals/fanout.ts';
import type { OccurrenceRepository } from '../../domain/rituals/occurrence.repository.ts';
import { type Occurrence, RITUAL_POST_KIND, ritualPostKey } from '../../domain/rituals/occurrence.ts';
import type { RitualRepository } from '../../domain/rituals/ritual.repository.ts';
import type { Ritual } from '../../domain/rituals/ritual.ts';
import type { RitualTypes } from '../../domain/rituals/ritual-types.ts';
import { channelPostAt } from '../../domain/schedules/index.ts';
import type { WorkspaceRepository } from '../../domain/workspaces/workspace.repository.ts';
import type { Metrics } from '../../ops/metrics.ts';
import type { Outbox } from '../../outbox/outbox.ts';
import type { BotTokens } from '../../slack-api/bot-tokens.ts';
import { channelMemberIds, profilesOf } from '../../slack-api/channel-audience.ts';
import { isPermanentSlackError, retryAfterSeconds, slackErrorCode } from '../../slack-api/slack-errors.ts';
import type { BackgroundClients } from '../../slack-api/web-client.ts';
import type { DeliveryTimers } from '../delivery-timers.ts';
import { PermanentJobError, RetryLaterError } from '../errors.ts';

export interface FanoutDeps {
  rituals: RitualRepository;
  calendar: CalendarRepository;
  occurrences: OccurrenceRepository;
  outbox: Outbox;
  ritualTypes: RitualTypes;
  workspaces: WorkspaceRepository;
  timers: DeliveryTimers;
  botTokens: BotTokens;
  clients: BackgroundClients;
  metrics: Metrics;
  clock: Clock;
}

/**
 * One occurrence → one outbox row per person (DM rituals), or one channel post (channel
 * rituals, at the channel's zone). The ritual's people are read from Slack at each
 * occurrence: the human, active members of its channel, minus those who opted out (docs/product/rituals.md).
 * Rows are written in one transaction with the occurrence marked fanned out; timers are added
 * afterwards with deterministic ids, so a crash between the two is repaired by the retry (or by
 * reconcile) without any member getting a second row.
 */
export async function fanoutOccurrence(deps: FanoutDeps, occurrenceId: string): Promise<void> {
  const occurrence = await deps.occurrences.findOccurrence(occurrenceId);
  if (!occurrence || occurrence.status === 'cancelled') return;
  if (occurrence.status === 'planned') {
    const ritual = await deps.rituals.findById(occurrence.ritualId);
    const type = ritual && deps.ritualTypes.get(ritual.name);
    if (!ritual || !type?.runnable || ritual.paused || !ritual.channelId) {
      await deps.occurrences.cancelOccurrence(occurrence.id);
      return;
    }
    if (type.audience === 'channel') return postInChannel(deps, occurrence, ritual, ritual.channelId);
    const token = await deps.botTokens.forTeam(ritual.teamId);
    if (!token)
      throw new PermanentJobError('not_installed', `workspace ${ritual.teamId} has no installation`);
    const client = deps.clients.forToken(token);
    let people: Awaited<ReturnType<typeof profilesOf>>;
    try {
      people = await profilesOf(
        client,
        deps.workspaces,
        ritual.teamId,
        await channelMemberIds(client, ritual.channelId),
      );
    } catch (error) {
      const retryAfter = retryAfterSeconds(error);
      if (retryAfter !== undefined) {
        throw new RetryLaterError(
          Date.now() + retryAfter * 1000,
          'Slack answered 429 while reading the channel',
        );
      }
      if (isPermanentSlackError(error)) {
        throw new PermanentJobError(
          slackErrorCode(error) ?? 'slack_error',
          `cannot read channel ${ritual.channelId}`,
        );
      }
      throw error;
    }
    const optedOut = await deps.rituals.optedOut(ritual.id);
    const audience = people.filter((m) => !m.isBot && !m.isDeleted && !optedOut.has(m.userId));
    const availability = await deps.calendar.availability(
      ritual.teamId,
      audience.map((m) => m.userId),
    );
    const planned = planDeliveries({
      occurrence: { date: occurrence.date, kind: occurrence.kind },
      time: ritual.localTime,
      team: await deps.calendar.teamCalendar(ritual.teamId),
      members: audience.map((m) => ({
        userId: m.userId,
        availability: availability.get(m.userId) ?? { tz: m.tz, pausedUntil: null, ooo: [] },
      })),
      now: deps.clock.now(),
    });
    await deps.occurrences.recordFanout(occurrence, planned);
    for (const p of planned) {
      if (!p.send) deps.metrics.deliveries.inc({ ritual: ritual.name, outcome: 'skipped' });
    }
  }
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
