/** Time is injected so schedules and quarters are plain functions in tests. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that stays where a test puts it. */
export function fixedClock(at: Date): Clock & { set(next: Date): void } {
  let current = at;
  return {
    now: () => current,
    set: (next: Date) => {
      current = next;
    },
  };
}
