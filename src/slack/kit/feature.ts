import type { App } from '@slack/bolt';
import type { Subcommands } from '../services.ts';

/**
 * A product feature's Slack edge: the `/careerplan` subcommands it adds and the listeners
 * (actions, views, events) it registers. Features are listed once, in slack/feature-list.ts;
 * app.ts merges their subcommands for the router and registers their listeners, so adding a
 * feature touches no other feature's files.
 */
export interface SlackFeature {
  name: string;
  subcommands?: Subcommands;
  register?(app: App): void;
}

/** All features' subcommands in one table; a name claimed twice is a programming error. */
export function mergeSubcommands(features: readonly SlackFeature[]): Subcommands {
  const merged: Record<string, Subcommands[string]> = {};
  for (const feature of features) {
    for (const [name, handler] of Object.entries(feature.subcommands ?? {})) {
      if (merged[name]) throw new Error(`subcommand "${name}" registered twice (feature ${feature.name})`);
      merged[name] = handler;
    }
  }
  return merged;
}
