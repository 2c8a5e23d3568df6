import { randomUUID } from 'node:crypto';
import type { Clock } from '../clock.ts';
import { DomainError } from '../errors.ts';
import type { OccurrenceRepository } from './occurrence.repository.ts';
import type { Occurrence } from './occurrence.ts';
import type { RitualRepository, RitualSetup } from './ritual.repository.ts';
import type { Ritual, RitualName } from './ritual.ts';
import type { RitualTypes } from './ritual-types.ts';

/**
 * What the service needs from the job system, as a port (the domain knows no queues). Either may
 * reject when the job system is down: what they arm is already in Postgres, and the periodic
 * reconcile arms it once the job system answers again, so the service reports, never undoes.
 */
export interface RitualTimers {
  fanout(occurrence: Occurrence): Promise<void>;
  /** Plan the next occurrences now (after a schedule changed). */
  reconcileSoon(): Promise<void>;
  /** Check the reminders Slack holds for this workspace again (a pause deletes them). */
  recheckScheduled(teamId: string): Promise<void>;
}

/** An ad-hoc run: stored (new, or the same run asked for again), and whether its timer is armed. */
export interface RunNow {
  occurrence: Occurrence;
  /** The same run was asked for moments ago and has not started: nothing new was created. */
  reused: boolean;
  /** False when the job system did not answer: the run starts when reconcile arms it. */
  armed: boolean;
}

/** A second `ritual run` within this long of one that has not started yet is the same run. */
const SAME_RUN_MS = 30 * 60 * 1000;

/** Admin operations on rituals (docs/product/rituals.md): set up, pause, resume, run now. */
export function createRitualService(deps: {
  rituals: RitualRepository;
  occurrences: OccurrenceRepository;
  types: RitualTypes;
  timers: RitualTimers;
  clock: Clock;
}) {
  return {
    async setup(teamId: string, name: RitualName, setup: RitualSetup): Promise<Ritual> {
      const ritual = await deps.rituals.saveSetup(teamId, name, setup);
      // Saved either way; without the job system the periodic reconcile plans it a little later.
      await deps.timers.reconcileSoon().catch(() => {});
      return ritual;
    },

    async setPaused(teamId: string, name: RitualName, paused: boolean): Promise<Ritual> {
      await deps.rituals.setPaused(teamId, name, paused);
      if (!paused) await deps.timers.reconcileSoon().catch(() => {});
      // Reminders already handed to Slack are deleted by the recheck; if the job system is down,
      // the send-time check cannot help them, so the pause answer must not claim otherwise.
      else await deps.timers.recheckScheduled(teamId).catch(() => {});
      return deps.rituals.find(teamId, name);
    },

    /**
     * An ad-hoc occurrence now, to everyone the ritual would reach. It gets its own occurrence key,
     * so it is fanned out and delivered exactly once like any scheduled one.
     */
    async runNow(teamId: string, name: RitualName, requestedBy: string): Promise<RunNow> {
      const ritual = await deps.rituals.find(teamId, name);
      const reason = deps.types.whyNotRunnable(ritual);
      if (reason) throw new DomainError('ritual_not_runnable', reason);
      if (ritual.paused) {
        throw new DomainError(
          'ritual_paused',
          `The ${name} ritual is paused; resume it first with \`/careerplan ritual resume ${name}\`.`,
        );
      }
      const now = deps.clock.now();
      const pending = await deps.occurrences.pendingAdhocSince(
        ritual.id,
        new Date(now.getTime() - SAME_RUN_MS),
      );
      const occurrence =
        pending ??
        (await deps.occurrences.upsertOccurrence({
          ritualId: ritual.id,
          teamId,
          key: `run-${randomUUID()}`,
          date: now.toISOString().slice(0, 10),
          kind: 'adhoc',
          fanoutAt: now,
          requestedBy,
        }));
      const armed = await deps.timers.fanout(occurrence).then(
        () => true,
        () => false,
      );
      return { occurrence, reused: pending !== undefined, armed };
    },
  };
}

export type RitualService = ReturnType<typeof createRitualService>;
