import { DomainError } from '../errors.ts';
import type { Cadence, LocalTime } from '../schedules/index.ts';
import type { OccurrenceStep } from './occurrence-steps.ts';
import type { Audience } from './ritual.ts';

/**
 * A ritual type, as its feature declares it: what it is, its default schedule and its audience.
 * The engine plans, fans out and sends any registered type; a type that is listed but not built
 * yet is `runnable: false` (it shows as coming soon and never runs).
 */
export interface RitualType {
  name: string;
  title: string;
  description: string;
  cadence: Cadence;
  localTime: LocalTime;
  /**
   * `dm`: a reminder to each channel member at their own local time. `channel`: a post in the
   * ritual's channel at the channel's zone, optionally opening a thread that later posts join.
   */
  audience: Audience;
  opensThread?: boolean;
  runnable: boolean;
  /** What the type does at set times around each occurrence (occurrence-steps.ts). */
  steps?: readonly OccurrenceStep[];
  /**
   * How many days ahead its occurrences are planned (default: the reconcile horizon), for types
   * with a step before the occurrence itself (the design review's presenter DM).
   */
  planAheadDays?: number;
}

/** The registered ritual types, in registration order. */
export function createRitualTypes(types: readonly RitualType[] = []) {
  const byName = new Map<string, RitualType>();
  const registry = {
    register(type: RitualType): void {
      if (byName.has(type.name)) throw new Error(`ritual type "${type.name}" registered twice`);
      byName.set(type.name, type);
    },
    get(name: string): RitualType | undefined {
      return byName.get(name);
    },
    all(): RitualType[] {
      return [...byName.values()];
    },
    names(): string[] {
      return [...byName.keys()];
    },
    runnableNames(): string[] {
      return registry
        .all()
        .filter((t) => t.runnable)
        .map((t) => t.name);
    },
    /** Parses a ritual name typed by a user; the error lists the registered ones. */
    parse(text: string | undefined, usage: string): RitualType {
      const name = (text ?? '').toLowerCase();
      const type = byName.get(name);
      if (type) return type;
      const shown = name === '' ? 'a ritual name' : `\`${name.slice(0, 30)}\``;
      const known = registry
        .names()
        .map((n) => `\`${n}\``)
        .join(', ');
      throw new DomainError(
        'ritual_unknown',
        `${shown} is not a ritual. Rituals: ${known} — e.g. \`${usage}\``,
      );
    },
    /** Why a ritual cannot run now, in words for an admin; undefined when it can. */
    whyNotRunnable(ritual: { name: string; channelId: string | null }): string | undefined {
      const type = byName.get(ritual.name);
      if (!type?.runnable) {
        const runnable = registry
          .runnableNames()
          .map((n) => `\`${n}\``)
          .join(', ');
        return `The ${ritual.name} ritual is coming soon; ${runnable || 'no ritual'} runs today.`;
      }
      if (!ritual.channelId) {
        return `The ${ritual.name} ritual has no channel yet: its people are the members of its channel. Set it up with \`/careerplan ritual setup\`.`;
      }
      return undefined;
    },
  };
  for (const type of types) registry.register(type);
  return registry;
}

export type RitualTypes = ReturnType<typeof createRitualTypes>;
