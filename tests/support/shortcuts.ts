/**
 * Slack's `message_action` payload (a message shortcut, e.g. "Add to portfolio"), signed and sent
 * to the running app the way Slack sends interactivity: a form body with one `payload` field.
 * The message travels in the payload, which is why a shortcut works in channels the bot is not in.
 */

import type { FakeSlack } from '../../src/sandbox/slack/fake-slack.ts';
import { signSlackRequest, TEST_APP_ID } from '../../src/sandbox/slack/slack-signer.ts';
import type { TestApp } from './app-harness.ts';
import { SIGNING_SECRET } from './app-harness.ts';

let counter = 0;

export async function messageShortcut(
  app: TestApp,
  fake: FakeSlack,
  args: {
    teamId: string;
    userId: string;
    callbackId: string;
    channelId: string;
    message: { ts: string; text: string; user?: string };
  },
): Promise<{ status: number; triggerId: string; responseUrl: string }> {
  counter += 1;
  const triggerId = `trigger.shortcut.${Date.now()}.${counter}`;
  const responseUrl = fake.responseUrl(`shortcut-${Date.now()}-${counter}`);
  const payload = {
    type: 'message_action',
    callback_id: args.callbackId,
    trigger_id: triggerId,
    message_ts: args.message.ts,
    response_url: responseUrl,
    message: { type: 'message', ts: args.message.ts, text: args.message.text, user: args.message.user },
    user: { id: args.userId, name: args.userId.toLowerCase(), team_id: args.teamId },
    channel: { id: args.channelId, name: args.channelId.toLowerCase() },
    team: { id: args.teamId, domain: args.teamId.toLowerCase() },
    token: 'deprecated-verification-token',
    action_ts: `${Date.now() / 1000}`,
    api_app_id: TEST_APP_ID,
    is_enterprise_install: false,
  };
  const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
  const res = await fetch(new URL('/slack/events', app.baseUrl), {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      ...signSlackRequest(SIGNING_SECRET, body),
    },
    body,
  });
  await res.text();
  return { status: res.status, triggerId, responseUrl };
}
