/**
 * Plays Slack's side over Socket Mode: the same payloads slack-signer.ts posts over HTTP, sent as
 * envelopes on the fake's WebSocket. Each call resolves with the app's acknowledgement, which for
 * a slash command carries its immediate response.
 */
import type { Acknowledgement, FakeSocketMode } from '../../src/sandbox/slack/fake-slack-socket.ts';
import { TEST_APP_ID } from '../../src/sandbox/slack/slack-signer.ts';

export interface SocketSlackClient {
  slashCommand(args: {
    teamId: string;
    userId: string;
    text: string;
    channelId?: string;
  }): Promise<Acknowledgement>;
  blockActions(args: {
    teamId: string;
    userId: string;
    actionId: string;
    value?: string;
    channelId?: string;
  }): Promise<Acknowledgement>;
  event(args: { teamId: string; event: Record<string, unknown>; eventId?: string }): Promise<Acknowledgement>;
}

export function createSocketSlackClient(socket: FakeSocketMode, fakeBaseUrl: string): SocketSlackClient {
  let counter = 0;
  const next = (prefix: string) => `${prefix}${Date.now()}${String(++counter).padStart(4, '0')}`;
  const responseUrl = () => `${fakeBaseUrl}/response/${next('socket-')}`;

  return {
    slashCommand(a) {
      const channelId = a.channelId ?? `D${a.userId}`;
      return socket.send('slash_commands', {
        token: 'deprecated-verification-token',
        team_id: a.teamId,
        team_domain: a.teamId.toLowerCase(),
        channel_id: channelId,
        channel_name: channelId.startsWith('D') ? 'directmessage' : channelId.toLowerCase(),
        user_id: a.userId,
        user_name: a.userId.toLowerCase(),
        command: '/careerplan',
        text: a.text,
        api_app_id: TEST_APP_ID,
        is_enterprise_install: 'false',
        response_url: responseUrl(),
        trigger_id: next('trigger.'),
      });
    },

    blockActions(a) {
      const channelId = a.channelId ?? `D${a.userId}`;
      return socket.send('interactive', {
        type: 'block_actions',
        user: {
          id: a.userId,
          username: a.userId.toLowerCase(),
          name: a.userId.toLowerCase(),
          team_id: a.teamId,
        },
        api_app_id: TEST_APP_ID,
        token: 'deprecated-verification-token',
        container: { type: 'message', message_ts: '1.000000', channel_id: channelId, is_ephemeral: false },
        trigger_id: next('trigger.'),
        team: { id: a.teamId, domain: a.teamId.toLowerCase() },
        enterprise: null,
        is_enterprise_install: false,
        channel: { id: channelId, name: 'directmessage' },
        message: { ts: '1.000000', type: 'message', text: '' },
        response_url: responseUrl(),
        state: { values: {} },
        actions: [
          {
            type: 'button',
            action_id: a.actionId,
            block_id: 'actions',
            ...(a.value === undefined ? {} : { value: a.value }),
            action_ts: `${Date.now() / 1000}`,
          },
        ],
      });
    },

    event(a) {
      return socket.send('events_api', {
        token: 'deprecated-verification-token',
        team_id: a.teamId,
        api_app_id: TEST_APP_ID,
        event: a.event,
        type: 'event_callback',
        event_id: a.eventId ?? next('Ev'),
        event_time: Math.floor(Date.now() / 1000),
        authorizations: [
          {
            enterprise_id: null,
            team_id: a.teamId,
            user_id: `U${a.teamId}BOT`,
            is_bot: true,
            is_enterprise_install: false,
          },
        ],
        is_ext_shared_channel: false,
      });
    },
  };
}
