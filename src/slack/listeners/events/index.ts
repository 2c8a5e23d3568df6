import type { App } from '@slack/bolt';
import type { EdgeServices } from '../../services.ts';
import { appHomeOpened } from './app-home-opened.ts';
import { appUninstalled, tokensRevoked } from './app-uninstalled.ts';
import { DIRECT_MESSAGE_EVENT, registerDirectMessageHelp } from './direct-message.ts';
import { userChange } from './user-change.ts';

/** Event names the app subscribes to; the manifest test checks manifest.yml against this list. */
export const SUBSCRIBED_EVENTS = [
  'app_home_opened',
  'app_uninstalled',
  'tokens_revoked',
  'user_change',
  DIRECT_MESSAGE_EVENT,
] as const;

export function registerEvents(app: App, services: EdgeServices): void {
  app.event('app_home_opened', appHomeOpened(services));
  app.event('app_uninstalled', appUninstalled(services));
  app.event('tokens_revoked', tokensRevoked(services));
  app.event('user_change', userChange(services));
  registerDirectMessageHelp(app);
}
