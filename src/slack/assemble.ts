import type { Deps } from '../deps.ts';
import { FEATURES } from './feature-list.ts';
import { createFeatureRegistry, type FeatureRegistry } from './feature-registry.ts';
import { createHomePublisher, type HomePublisher } from './features/core/home.ts';
import { createCoreFeature } from './features/core/index.ts';
import type { FeatureFactory, Shell } from './kit/feature.ts';
import { createSubmissionGuard } from './kit/form.ts';
import { createMemberResolver, type MemberResolver } from './kit/member.ts';

export interface AssembledFeatures {
  registry: FeatureRegistry;
  resolver: MemberResolver;
  home: HomePublisher;
}

/**
 * Builds every feature with the shell around it, merges their declarations, and registers what
 * the engine runs (ritual types, outbox kinds) — in web and worker processes alike. `extra`
 * features (tests) plug in exactly as listed ones do.
 */
export function assembleFeatures(
  deps: Deps,
  extra: ReadonlyArray<FeatureFactory<Deps>> = [],
): AssembledFeatures {
  let registry: FeatureRegistry | undefined;
  const assembled = (): FeatureRegistry => {
    if (!registry) throw new Error('features are not assembled yet');
    return registry;
  };
  const resolver = createMemberResolver({
    members: deps.members,
    teamZone: async (teamId) => (await deps.calendar.teamCalendar(teamId)).timeZone,
  });
  const home = createHomePublisher({
    resolver,
    clock: deps.clock,
    logger: deps.logger,
    sections: () => assembled().homeSections,
  });
  const guard = createSubmissionGuard(deps.processedEvents);
  const shell: Shell = {
    resolver,
    home,
    guard,
    ritualTypeEdges: () => assembled().ritualTypes,
    erase: (member) => assembled().erase(member),
  };
  const features = [...FEATURES, ...extra].map((build) => build(deps, shell));
  const core = createCoreFeature({ ...deps, home }, assembled);
  registry = createFeatureRegistry([...features, core]);
  registry.install({ ritualTypes: deps.ritualTypes, outboxKinds: deps.outboxKinds });
  return { registry, resolver, home };
}
