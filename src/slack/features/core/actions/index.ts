import type { App, BlockButtonAction } from '@slack/bolt';
import type { Subcommands } from '../../../services.ts';
import { ACTIONS } from '../ids.ts';
import { showHelp } from './show-help.ts';

export function registerActions(app: App, subcommands: Subcommands): void {
  app.action<BlockButtonAction>(ACTIONS.showHelp, showHelp(subcommands));
}
