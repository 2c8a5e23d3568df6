import type { Deps } from '../deps.ts';
import type { SlackFeature } from './features.ts';
import { createPlansFeature } from './listeners/plans-feature.ts';
import { createRitualsFeature } from './listeners/rituals-feature.ts';

/**
 * Every feature's Slack edge, in one list. `help` is built into the router; a catalogued
 * subcommand no feature provides shows as "coming soon".
 */
export function buildFeatures(deps: Deps): SlackFeature[] {
  return [createRitualsFeature(deps), createPlansFeature(deps)];
}
