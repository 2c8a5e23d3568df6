import type { Deps } from '../deps.ts';
import type { SlackFeature } from './features.ts';

/**
 * Every feature's Slack edge, in one list. `help` is built into the router; a catalogued
 * subcommand no feature provides shows as "coming soon".
 */
export function buildFeatures(_deps: Deps): SlackFeature[] {
  return [];
}
