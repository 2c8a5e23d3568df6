import type { App } from '@slack/bolt';
import { createCommandRouter } from '../../commands/router.ts';
import { COMMAND } from '../../ids.ts';
import type { EdgeServices, Subcommands } from '../../services.ts';

export function registerCommands(app: App, services: EdgeServices, subcommands: Subcommands): void {
  app.command(COMMAND, createCommandRouter(subcommands, services.logger));
}
