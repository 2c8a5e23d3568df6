import type { Clock } from '../domain/clock.ts';
import type { CalendarRepository } from '../domain/rituals/calendar.repository.ts';
import { type PlannedDelivery, planDeliveries } from '../domain/rituals/fanout.ts';
import type { OccurrenceRepository } from '../domain/rituals/occurrence.repository.ts';
import type { Occurrence } from '../domain/rituals/occurrence.ts';
import { type RitualEngine, stepTiming } from '../domain/rituals/occurrence-steps.ts';
import type { RitualRepository } from '../domain/rituals/ritual.repository.ts';
import type { Ritual } from '../domain/rituals/ritual.ts';
import type { RitualTypes } from '../domain/rituals/ritual-types.ts';
import type { StepRepository } from '../domain/rituals/step.repository.ts';
import type { WorkspaceRepository } from '../domain/workspaces/workspace.repository.ts';
import type { Metrics } from '../ops/metrics.ts';
import type { BotTokens } from '../slack-api/bot-tokens.ts';
import { channelMemberIds, profilesOf } from '../slack-api/channel-audience.ts';
import { isPermanentSlackError, retryAfterSeconds, slackErrorCode } from '../slack-api/slack-errors.ts';
import type { BackgroundClients } from '../slack-api/web-client.ts';
import type { DeliveryTimers } from './delivery-timers.ts';
import { PermanentJobError, RetryLaterError } from './errors.ts';

/** What the engine's member planning and occurrence steps need. */
export interface RitualEngineDeps {
  rituals: RitualRepository;
  calendar: CalendarRepository;
  occurrences: OccurrenceRepository;
  steps: StepRepository;
  ritualTypes: RitualTypes;
  workspaces: WorkspaceRepository;
  timers: DeliveryTimers;
  botTokens: BotTokens;
  clients: BackgroundClients;
  metrics: Metrics;
  clock: Clock;
}

/**
 * A ritual's people, read from Slack now: the human, active members of its channel minus those
 * who opted out. A 429 parks the job until Retry-After; a permanent Slack error fails it.
 */
async function ritualPeople(deps: RitualEngineDeps, ritual: Ritual, channelId: string) {
  const token = await deps.botTokens.forTeam(ritual.teamId);
  if (!token) throw new PermanentJobError('not_installed', `workspace ${ritual.teamId} has no installation`);
  const client = deps.clients.forToken(token);
  let people: Awaited<ReturnType<typeof profilesOf>>;
  try {
    people = await profilesOf(
      client,
      deps.workspaces,
      ritual.teamId,
      await channelMemberIds(client, channelId),
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
      throw new PermanentJobError(slackErrorCode(error) ?? 'slack_error', `cannot read channel ${channelId}`);
    }
    throw error;
  }
  const optedOut = await deps.rituals.optedOut(ritual.id);
  return people.filter((m) => !m.isBot && !m.isDeleted && !optedOut.has(m.userId));
}

/**
 * One reminder per person of the ritual for an occurrence on `date` (scheduled: at the ritual's
 * local time in each member's zone; ad hoc: now), with the skip rules of planDeliveries.
 */
export async function planMemberReminders(
  deps: RitualEngineDeps,
  ritual: Ritual,
  channelId: string,
  occurrence: { date: string; kind: 'scheduled' | 'adhoc' },
): Promise<PlannedDelivery[]> {
  const audience = await ritualPeople(deps, ritual, channelId);
  const availability = await deps.calendar.availability(
    ritual.teamId,
    audience.map((m) => m.userId),
  );
  const planned = planDeliveries({
    occurrence,
    time: ritual.localTime,
    team: await deps.calendar.teamCalendar(ritual.teamId),
    members: audience.map((m) => ({
      userId: m.userId,
      availability: availability.get(m.userId) ?? { tz: m.tz, pausedUntil: null, ooo: [] },
    })),
    now: deps.clock.now(),
  });
  for (const p of planned) {
    if (!p.send) deps.metrics.deliveries.inc({ ritual: ritual.name, outcome: 'skipped' });
  }
  return planned;
}

/** The engine capabilities occurrence steps use (src/domain/rituals/occurrence-steps.ts). */
export function createRitualEngine(deps: RitualEngineDeps): RitualEngine {
  return {
    async remindMembers({ occurrence, ritual, localDate }) {
      if (!ritual.channelId) return 0;
      const planned = await planMemberReminders(deps, ritual, ritual.channelId, {
        date: localDate,
        kind: 'scheduled',
      });
      await deps.occurrences.recordReminders(occurrence, planned);
      await deps.timers.deliver(await deps.occurrences.pendingReminders(occurrence.id));
      return planned.filter((p) => p.send).length;
    },
  };
}

/**
 * Stores the steps the occurrence's ritual type declares (once; see occurrence-steps.ts) and arms
 * the timers of those still to run. Called when an occurrence is planned and again at fan-out
 * (ad-hoc runs are only seen there); both are idempotent.
 */
export async function planSteps(
  deps: RitualEngineDeps,
  occurrence: Occurrence,
  ritual: Ritual,
  options: { arm?: boolean } = {},
): Promise<void> {
  const steps = deps.ritualTypes.get(ritual.name)?.steps ?? [];
  if (steps.length === 0) return;
  const timing = stepTiming(occurrence, ritual, await deps.calendar.teamCalendar(ritual.teamId));
  const stored = await deps.steps.ensure(
    occurrence,
    steps.map((s) => ({ step: s.name, dueAt: s.dueAt(timing) })),
  );
  if (options.arm !== false) await deps.timers.steps(stored);
}
