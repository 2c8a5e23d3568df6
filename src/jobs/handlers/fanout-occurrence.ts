import type { Clock } from '../../domain/clock.ts';
import type { CalendarRepository } from '../../domain/rituals/calendar.repository.ts';
import type { DeliveryRepository } from '../../domain/rituals/delivery.repository.ts';
import { planDeliveries } from '../../domain/rituals/fanout.ts';
import type { RitualRepository } from '../../domain/rituals/ritual.repository.ts';
import type { WorkspaceRepository } from '../../domain/workspaces/workspace.repository.ts';
import type { Metrics } from '../../ops/metrics.ts';
import type { BotTokens } from '../../slack-api/bot-tokens.ts';
import { channelMemberIds, profilesOf } from '../../slack-api/channel-audience.ts';
import { isPermanentSlackError, retryAfterSeconds, slackErrorCode } from '../../slack-api/slack-errors.ts';
import type { BackgroundClients } from '../../slack-api/web-client.ts';
import type { DeliveryTimers } from '../delivery-timers.ts';
import { PermanentJobError, RetryLaterError } from '../errors.ts';

export interface FanoutDeps {
  rituals: RitualRepository;
  calendar: CalendarRepository;
  deliveries: DeliveryRepository;
  workspaces: WorkspaceRepository;
  timers: DeliveryTimers;
  botTokens: BotTokens;
  clients: BackgroundClients;
  metrics: Metrics;
  clock: Clock;
}

/**
 * One occurrence → one delivery row per person. The ritual's people are read from Slack at each
 * occurrence: the human, active members of its channel, minus those who opted out (docs/product/rituals.md).
 * Rows are written in one transaction with the occurrence marked fanned out; timers are added
 * afterwards with deterministic ids, so a crash between the two is repaired by the retry (or by
 * reconcile) without any member getting a second row.
 */
export async function fanoutOccurrence(deps: FanoutDeps, occurrenceId: string): Promise<void> {
  const occurrence = await deps.deliveries.findOccurrence(occurrenceId);
  if (!occurrence || occurrence.status === 'cancelled') return;
  if (occurrence.status === 'planned') {
    const ritual = await deps.rituals.findById(occurrence.ritualId);
    if (!ritual || ritual.paused || !ritual.channelId) {
      await deps.deliveries.cancelOccurrence(occurrence.id);
      return;
    }
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
    await deps.deliveries.recordFanout(occurrence, planned);
    for (const p of planned) {
      if (!p.send) deps.metrics.deliveries.inc({ ritual: ritual.name, outcome: 'skipped' });
    }
  }
  await deps.timers.deliver(await deps.deliveries.pending({ occurrenceId: occurrence.id }));
}

export function createFanoutOccurrenceHandler(deps: FanoutDeps) {
  return async (payload: { occurrenceId: string }) => fanoutOccurrence(deps, payload.occurrenceId);
}
