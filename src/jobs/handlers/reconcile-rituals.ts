import { fanoutAt } from '../../domain/rituals/ritual.ts';
import { channelPostAt, planOccurrences } from '../../domain/schedules/index.ts';
import type { OutboxRepository } from '../../outbox/outbox.repository.ts';
import { planSteps, type RitualEngineDeps } from '../ritual-engine.ts';

export interface ReconcileDeps extends RitualEngineDeps {
  outboxRepository: OutboxRepository;
  /** OAuth mode: skip workspaces that uninstalled the app. */
  installedOnly?: boolean;
}

/**
 * Postgres is the source of truth; this makes Redis agree with it. For every schedulable ritual
 * the occurrences of the next `horizonDays` are stored (unique key: ritual + local date), then a
 * timer is (re)created for every occurrence still to fan out and every outbox message still to send.
 * Running it twice, or on two replicas at once, changes nothing; after Redis lost all its data
 * one run restores every pending timer, and nothing already sent is sent again (the outbox rows'
 * states say so).
 *
 * An occurrence whose time in the team's zone came before the ritual's schedule was last set is
 * not created: setting a ritual up at 15:00 must not fire today's 10:00 reminder late (setting it
 * up at 08:00 for 10:00 does run today's).
 *
 * A ritual type with steps before its occurrence (`planAheadDays`) is planned that much further
 * ahead, and every planned occurrence gets its steps stored; their timers, like the rest, are
 * armed once due within the horizon.
 */
export async function reconcileRituals(
  deps: ReconcileDeps,
  horizonDays: number,
): Promise<{ planned: number }> {
  const now = deps.clock.now();
  let planned = 0;
  for (const ritual of await deps.rituals.listSchedulable({ installedOnly: deps.installedOnly })) {
    const team = await deps.calendar.teamCalendar(ritual.teamId);
    const occurrences = planOccurrences({
      cadence: ritual.cadence,
      time: ritual.localTime,
      team,
      now,
      horizonDays: Math.max(horizonDays, deps.ritualTypes.get(ritual.name)?.planAheadDays ?? 0),
    });
    for (const occurrence of occurrences) {
      const teamTime = channelPostAt(
        occurrence.occurrenceDate,
        ritual.localTime,
        ritual.timeZone ?? team.timeZone,
      );
      if (teamTime < ritual.scheduleSince) continue;
      const at = fanoutAt(occurrence.occurrenceDate, ritual.localTime);
      const stored = await deps.occurrences.upsertOccurrence({
        ritualId: ritual.id,
        teamId: ritual.teamId,
        key: occurrence.key,
        date: occurrence.occurrenceDate,
        kind: 'scheduled',
        fanoutAt: at,
      });
      // Steps are stored now; their timers are armed below, for those due within the horizon.
      if (stored.status !== 'cancelled') await planSteps(deps, stored, ritual, { arm: false });
      planned++;
    }
  }
  const horizon = new Date(now.getTime() + horizonDays * 24 * 3600 * 1000);
  for (const occurrence of await deps.occurrences.occurrencesToFanOut(horizon))
    await deps.timers.fanout(occurrence);
  await deps.timers.steps(await deps.steps.pending(horizon));
  // Every outbox row still to send, of any feature, gets its timer back.
  await deps.timers.deliver(await deps.outboxRepository.pending({ dueBefore: horizon }));
  return { planned };
}

export function createReconcileRitualsHandler(deps: ReconcileDeps) {
  return async (payload: { horizonDays: number }) => {
    await reconcileRituals(deps, payload.horizonDays);
  };
}
