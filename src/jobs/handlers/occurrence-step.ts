import { stepTiming } from '../../domain/rituals/occurrence-steps.ts';
import { scrubSecrets } from '../../ops/logger.ts';
import type { Outbox } from '../../outbox/outbox.ts';
import { RetryLaterError } from '../errors.ts';
import { createRitualEngine, type RitualEngineDeps } from '../ritual-engine.ts';
import type { JobInfo } from '../worker.ts';

export interface OccurrenceStepDeps extends RitualEngineDeps {
  outbox: Outbox;
}

/**
 * Runs one occurrence step once it is due (src/domain/rituals/occurrence-steps.ts). A step of a
 * cancelled occurrence, a paused or removed ritual, or a type that no longer declares it is
 * recorded as skipped. The step's own effects are idempotent, so a retry after a crash is safe;
 * it is marked done only after they are stored.
 */
export async function runOccurrenceStep(
  deps: OccurrenceStepDeps,
  stepId: string,
  info: Pick<JobInfo, 'attempt' | 'maxAttempts'> = { attempt: 1, maxAttempts: 1 },
): Promise<void> {
  const step = await deps.steps.find(stepId);
  if (step?.status !== 'planned') return;
  const now = deps.clock.now();
  // Reconcile may arm a timer a moment early; wait for the step's time rather than run early.
  if (step.dueAt.getTime() - now.getTime() > 1000) {
    throw new RetryLaterError(Date.now() + (step.dueAt.getTime() - now.getTime()), 'step not due yet');
  }
  const occurrence = await deps.occurrences.findOccurrence(step.occurrenceId);
  if (!occurrence || occurrence.status === 'cancelled') {
    await deps.steps.finish(step.id, { skip: 'occurrence_cancelled' });
    return;
  }
  const ritual = await deps.rituals.findById(occurrence.ritualId);
  const definition = ritual && deps.ritualTypes.get(ritual.name)?.steps?.find((s) => s.name === step.step);
  if (!ritual || !definition) {
    await deps.steps.finish(step.id, { skip: 'step_gone' });
    return;
  }
  if (ritual.paused) {
    await deps.steps.finish(step.id, { skip: 'ritual_paused' });
    return;
  }
  await deps.steps.recordAttempt(step.id);
  try {
    const outcome = await definition.run({
      occurrence,
      ritual,
      timing: stepTiming(occurrence, ritual, await deps.calendar.teamCalendar(ritual.teamId)),
      dueAt: step.dueAt,
      engine: createRitualEngine(deps),
    });
    await deps.steps.finish(step.id, outcome);
  } catch (error) {
    if (!(error instanceof RetryLaterError)) {
      await deps.steps.recordError(step.id, scrubSecrets((error as Error).message ?? String(error)));
      // After the last attempt the step is skipped as `failed`, its last error kept for operators.
      if (info.attempt >= info.maxAttempts) await deps.steps.finish(step.id, { skip: 'failed' });
    }
    throw error;
  }
}

export function createOccurrenceStepHandler(deps: OccurrenceStepDeps) {
  return async (payload: { stepId: string }, info: JobInfo) => runOccurrenceStep(deps, payload.stepId, info);
}
