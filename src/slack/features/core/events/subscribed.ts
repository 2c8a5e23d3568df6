import { DIRECT_MESSAGE_EVENT } from './direct-message.ts';

/** Event names the app subscribes to; the manifest test checks manifest.yml against this list. */
export const SUBSCRIBED_EVENTS = [
  'app_home_opened',
  'app_uninstalled',
  'tokens_revoked',
  'user_change',
  DIRECT_MESSAGE_EVENT,
] as const;
