/**
 * Positive signals for negative checks. "Nothing happened" is only worth asserting once the
 * thing that could have made it happen has finished: these wait for that, instead of a sleep.
 */
import type { Metrics } from '../../src/ops/metrics.ts';

/** Requests of a kind and name that went all the way through the app's listener chain. */
export async function listenerRuns(metrics: Metrics, kind: string, name: string): Promise<number> {
  const { values } = await metrics.listenerDuration.get();
  return values
    .filter(
      (v) =>
        v.metricName === 'careerplan_listener_duration_seconds_count' &&
        v.labels.kind === kind &&
        v.labels.name === name,
    )
    .reduce((sum, v) => sum + v.value, 0);
}

/** Waits until `count` more such requests have finished than `before` (polling, with a deadline). */
export async function waitForListenerRuns(
  metrics: Metrics,
  kind: string,
  name: string,
  atLeast: number,
  timeoutMs = 10_000,
): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    if ((await listenerRuns(metrics, kind, name)) >= atLeast) return;
    if (Date.now() > until)
      throw new Error(`${kind} ${name} did not finish ${atLeast} times in ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
