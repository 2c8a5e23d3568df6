import type { Deps } from '../deps.ts';
import { createPlansFeature } from './features/plans/index.ts';
import { createRitualsFeature } from './features/rituals/index.ts';
import type { SlackFeature } from './kit/feature.ts';

/**
 * Every feature's Slack edge, in one list. `help` is built into the router; a catalogued
 * subcommand no feature provides shows as "coming soon".
 */
export function buildFeatures(deps: Deps): SlackFeature[] {
  return [createRitualsFeature(deps), createPlansFeature(deps)];
}
