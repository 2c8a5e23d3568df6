import type { App } from '@slack/bolt';
import { createCommandRouter } from '../../../commands/router.ts';
import type { EdgeServices, Subcommands } from '../../../services.ts';
import { COMMAND } from '../ids.ts';

export function registerCommands(app: App, services: EdgeServices, subcommands: Subcommands): void {
  app.command(COMMAND, createCommandRouter(subcommands, services.logger));
}
