import type { Deps } from '../../deps.ts';
import type { Subcommands } from '../services.ts';

/**
 * Every `/careerplan` subcommand with a handler, by name. `help` is built into the router; a
 * catalogued name missing here shows as "coming soon".
 */
export function buildSubcommands(_deps: Deps): Subcommands {
  return {};
}
