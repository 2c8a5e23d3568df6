import type { QuickStartItem } from '../domain/quick-start/quick-start.ts';
import type { RitualTypes } from '../domain/rituals/ritual-types.ts';
import type { FeatureJob, FeatureJobs } from '../jobs/handlers/feature-job.ts';
import type { FeatureJobSchedule } from '../jobs/schedulers.ts';
import type { OutboxKinds } from '../outbox/kinds.ts';
import type { SubcommandHandler } from './commands/router.ts';
import type { ExportKind, HelpEntry, HomeSection, RitualTypeEdge, SlackFeature } from './kit/feature.ts';

/**
 * The features' declarations merged into what the shared parts loop over. A name claimed twice
 * (a subcommand, an export kind, a Home section, a quick-start item, a job) is a start-up error,
 * so two features can never silently shadow each other.
 */
export function createFeatureRegistry(features: readonly SlackFeature[]) {
  const subcommands: Record<string, SubcommandHandler> = {};
  const help: HelpEntry[] = [];
  const homeSections: HomeSection[] = [];
  const quickStart: QuickStartItem[] = [];
  const exportKinds = new Map<string, ExportKind>();
  const ritualTypes = new Map<string, RitualTypeEdge>();
  const jobs = new Map<string, FeatureJob>();
  const schedules: FeatureJobSchedule[] = [];
  const claim = (what: string, name: string, taken: boolean, feature: string) => {
    if (taken) throw new Error(`${what} "${name}" declared twice (feature ${feature})`);
  };

  for (const feature of features) {
    for (const [name, handler] of Object.entries(feature.subcommands ?? {})) {
      claim('subcommand', name, Object.hasOwn(subcommands, name), feature.name);
      subcommands[name] = handler;
    }
    help.push(...(feature.help ?? []));
    for (const section of feature.homeSections ?? []) {
      claim(
        'Home section',
        section.id,
        homeSections.some((s) => s.id === section.id),
        feature.name,
      );
      homeSections.push(section);
    }
    for (const item of feature.quickStart ?? []) {
      claim(
        'quick-start item',
        item.id,
        quickStart.some((i) => i.id === item.id),
        feature.name,
      );
      quickStart.push(item);
    }
    for (const kind of feature.exportKinds ?? []) {
      claim('export kind', kind.kind, exportKinds.has(kind.kind), feature.name);
      exportKinds.set(kind.kind, kind);
    }
    for (const edge of feature.ritualTypes ?? []) {
      claim('ritual type', edge.type.name, ritualTypes.has(edge.type.name), feature.name);
      ritualTypes.set(edge.type.name, edge);
    }
    for (const [name, job] of Object.entries(feature.jobs ?? {})) {
      const qualified = `${feature.name}.${name}`;
      claim('job', qualified, jobs.has(qualified), feature.name);
      jobs.set(qualified, job);
    }
    for (const schedule of feature.schedules ?? []) {
      claim(
        'schedule',
        schedule.id,
        schedules.some((s) => s.id === schedule.id),
        feature.name,
      );
      if (!feature.jobs?.[schedule.job])
        throw new Error(`schedule "${schedule.id}" names no job of ${feature.name}`);
      schedules.push({ ...schedule, job: `${feature.name}.${schedule.job}` });
    }
  }
  homeSections.sort((a, b) => a.order - b.order);

  return {
    features,
    subcommands: subcommands as Readonly<Record<string, SubcommandHandler>>,
    help: help as readonly HelpEntry[],
    homeSections: homeSections as readonly HomeSection[],
    quickStart: quickStart as readonly QuickStartItem[],
    exportKinds: exportKinds as ReadonlyMap<string, ExportKind>,
    ritualTypes: ritualTypes as ReadonlyMap<string, RitualTypeEdge>,
    jobs: jobs as FeatureJobs,
    /** Recurring feature jobs, by qualified job name (registered by the worker). */
    schedules: schedules as readonly FeatureJobSchedule[],

    /** Registers what the engine runs: ritual types and outbox kinds (web and worker alike). */
    install(engine: { ritualTypes: RitualTypes; outboxKinds: OutboxKinds }): void {
      for (const edge of ritualTypes.values()) engine.ritualTypes.register(edge.type);
      for (const feature of features) {
        for (const kind of feature.outboxKinds ?? []) engine.outboxKinds.register(kind);
      }
    },

    /**
     * Erases one member everywhere, through each feature's erase hook; answers what went, by
     * feature and thing (e.g. `plans.objectives: 2`).
     */
    async erase(member: { teamId: string; userId: string }): Promise<Record<string, number>> {
      const erased: Record<string, number> = {};
      for (const feature of features) {
        if (!feature.erase) continue;
        for (const [thing, count] of Object.entries(await feature.erase(member))) {
          erased[`${feature.name}.${thing}`] = count;
        }
      }
      return erased;
    },
  };
}

export type FeatureRegistry = ReturnType<typeof createFeatureRegistry>;
