/**
 * Plays Slack's side of the Events/Interactivity contract against the running app: bodies
 * encoded as Slack encodes them (form bodies for commands and interactions, JSON for events)
 * and signed with the v0 HMAC scheme Bolt verifies. Options produce the requests a hostile or
 * retrying Slack would send (stale timestamp, bad signature, x-slack-retry-num).
 */
import { createHmac } from 'node:crypto';

/** api_app_id in every payload; the fake Slack answers the same app id. */
export const TEST_APP_ID = 'A0CAREERPLAN';

export interface SlackSignatureHeaders {
  'x-slack-signature': string;
  'x-slack-request-timestamp': string;
}

/** Slack's request signature: `v0=` + hex HMAC-SHA256 of `v0:<timestamp>:<raw body>`. */
export function signSlackRequest(
  secret: string,
  body: string,
  timestampSeconds: number = Math.floor(Date.now() / 1000),
): SlackSignatureHeaders {
  const digest = createHmac('sha256', secret).update(`v0:${timestampSeconds}:${body}`).digest('hex');
  return { 'x-slack-signature': `v0=${digest}`, 'x-slack-request-timestamp': String(timestampSeconds) };
}

export interface SendOptions {
  /** Pretend the request was signed at this time (e.g. 10 minutes ago to test replay protection). */
  timestampSeconds?: number;
  /** Sign with the wrong secret; the app must answer 401. */
  badSignature?: boolean;
  /** Send no signature headers at all. */
  unsigned?: boolean;
  /** Slack's redelivery headers. */
  retryNum?: number;
  retryReason?: string;
  headers?: Record<string, string>;
}

export interface SlackAppResponse {
  status: number;
  body: string;
  headers: Record<string, string>;
  /** The parsed body; undefined when the app answered with an empty body. */
  json(): unknown;
}

/** Extra ids for interactions, so a test can follow up (e.g. look up response_url posts). */
export interface InteractionResponse extends SlackAppResponse {
  triggerId: string;
  responseUrl?: string;
}

export interface SlackClientOptions {
  /** The app's base URL (the events path is appended) or its full events URL. */
  appUrl: string;
  signingSecret: string;
  /** Default `/slack/events`, the one URL the manifest points every Slack request at. */
  eventsPath?: string;
  appId?: string;
  /** When given, default response_urls point at this fake so what the app posts is recorded. */
  fakeSlack?: { responseUrl(id: string): string };
  /** The bot user put in event `authorizations`; defaults to the fake Slack's default bot user. */
  botUserIdFor?: (teamId: string) => string;
}

export interface ActionInput {
  action_id: string;
  value?: string;
  block_id?: string;
  selected_option?: { text?: unknown; value: string };
  type?: string;
}

export interface SlackClient {
  slashCommand(
    args: {
      teamId: string;
      userId: string;
      text: string;
      command?: string;
      channelId?: string;
      triggerId?: string;
      responseUrl?: string;
    },
    options?: SendOptions,
  ): Promise<InteractionResponse>;
  blockActions(
    args: {
      teamId: string;
      userId: string;
      actions: ActionInput[];
      view?: Record<string, unknown>;
      container?: Record<string, unknown>;
      triggerId?: string;
      responseUrl?: string;
      message?: Record<string, unknown>;
      channelId?: string;
    },
    options?: SendOptions,
  ): Promise<InteractionResponse>;
  viewSubmission(
    args: {
      teamId: string;
      userId: string;
      view: {
        callback_id: string;
        private_metadata?: string;
        state: { values: Record<string, unknown> };
        id?: string;
        hash?: string;
        [key: string]: unknown;
      };
      triggerId?: string;
    },
    options?: SendOptions,
  ): Promise<InteractionResponse>;
  event(
    args: { teamId: string; event: Record<string, unknown>; eventId?: string; eventTime?: number },
    options?: SendOptions,
  ): Promise<SlackAppResponse>;
  urlVerification(challenge: string, options?: SendOptions): Promise<SlackAppResponse>;
}

/** Where a response_url goes when neither the test nor a fake provides one: fails fast, never reaches Slack. */
const NOWHERE = 'http://127.0.0.1:9/response-url-not-configured';

export function createSlackClient(opts: SlackClientOptions): SlackClient {
  const path = opts.eventsPath ?? '/slack/events';
  const url = new URL(opts.appUrl).pathname.length > 1 ? opts.appUrl : new URL(path, opts.appUrl).toString();
  const appId = opts.appId ?? TEST_APP_ID;
  let counter = 0;
  const next = (prefix: string): string => `${prefix}${Date.now()}${String(++counter).padStart(4, '0')}`;
  const domain = (teamId: string): string => teamId.toLowerCase();
  const responseUrlFor = (kind: string): string => opts.fakeSlack?.responseUrl(next(kind)) ?? NOWHERE;
  const user = (teamId: string, userId: string) => ({
    id: userId,
    username: userId.toLowerCase(),
    name: userId.toLowerCase(),
    team_id: teamId,
  });

  const send = async (body: string, contentType: string, o: SendOptions = {}): Promise<SlackAppResponse> => {
    const secret = o.badSignature ? `${opts.signingSecret}-wrong` : opts.signingSecret;
    const headers: Record<string, string> = {
      'content-type': contentType,
      'user-agent': 'Slackbot 1.0 (+https://api.slack.com/robots)',
      ...(o.unsigned ? {} : signSlackRequest(secret, body, o.timestampSeconds)),
      ...(o.retryNum === undefined ? {} : { 'x-slack-retry-num': String(o.retryNum) }),
      ...(o.retryNum === undefined ? {} : { 'x-slack-retry-reason': o.retryReason ?? 'http_timeout' }),
      ...o.headers,
    };
    const res = await fetch(url, { method: 'POST', headers, body });
    const text = await res.text();
    return {
      status: res.status,
      body: text,
      headers: Object.fromEntries(res.headers.entries()),
      json: () => (text.trim() === '' ? undefined : JSON.parse(text)),
    };
  };
  const sendForm = (fields: Record<string, string>, o?: SendOptions) =>
    send(new URLSearchParams(fields).toString(), 'application/x-www-form-urlencoded', o);
  const sendPayload = (payload: Record<string, unknown>, o?: SendOptions) =>
    sendForm({ payload: JSON.stringify(payload) }, o);

  const viewDefaults = (teamId: string, id: string) => ({
    id,
    team_id: teamId,
    type: 'modal',
    callback_id: '',
    private_metadata: '',
    state: { values: {} },
    hash: `${Math.floor(Date.now() / 1000)}.hash`,
    blocks: [],
    root_view_id: id,
    previous_view_id: null,
    app_id: appId,
    bot_id: `B${teamId}`,
  });

  return {
    async slashCommand(a, o) {
      const triggerId = a.triggerId ?? next('trigger.');
      const responseUrl = a.responseUrl ?? responseUrlFor('command-');
      const channelId = a.channelId ?? `D${a.userId}`;
      const res = await sendForm(
        {
          token: 'deprecated-verification-token',
          team_id: a.teamId,
          team_domain: domain(a.teamId),
          channel_id: channelId,
          channel_name: channelId.startsWith('D') ? 'directmessage' : channelId.toLowerCase(),
          user_id: a.userId,
          user_name: a.userId.toLowerCase(),
          command: a.command ?? '/careerplan',
          text: a.text,
          api_app_id: appId,
          is_enterprise_install: 'false',
          response_url: responseUrl,
          trigger_id: triggerId,
        },
        o,
      );
      return { ...res, triggerId, responseUrl };
    },

    async blockActions(a, o) {
      const triggerId = a.triggerId ?? next('trigger.');
      const view = a.view ? { ...viewDefaults(a.teamId, next('V')), ...a.view } : undefined;
      const channelId = a.channelId ?? `D${a.userId}`;
      // Slack gives a response_url only for actions in messages, not in views.
      const responseUrl = a.responseUrl ?? (view ? undefined : responseUrlFor('action-'));
      const container =
        a.container ??
        (view
          ? { type: 'view', view_id: view.id }
          : {
              type: 'message',
              message_ts: a.message?.ts ?? '1.000000',
              channel_id: channelId,
              is_ephemeral: !a.message,
            });
      const res = await sendPayload(
        {
          type: 'block_actions',
          user: user(a.teamId, a.userId),
          api_app_id: appId,
          token: 'deprecated-verification-token',
          container,
          trigger_id: triggerId,
          team: { id: a.teamId, domain: domain(a.teamId) },
          enterprise: null,
          is_enterprise_install: false,
          ...(view ? { view } : { channel: { id: channelId, name: 'directmessage' } }),
          ...(a.message ? { message: a.message } : {}),
          ...(responseUrl ? { response_url: responseUrl } : {}),
          state: view ? view.state : { values: {} },
          actions: a.actions.map((x) => ({
            type: x.type ?? (x.selected_option ? 'static_select' : 'button'),
            action_id: x.action_id,
            block_id: x.block_id ?? 'actions',
            ...(x.value === undefined ? {} : { value: x.value }),
            ...(x.selected_option === undefined ? {} : { selected_option: x.selected_option }),
            action_ts: `${Date.now() / 1000}`,
          })),
        },
        o,
      );
      return responseUrl ? { ...res, triggerId, responseUrl } : { ...res, triggerId };
    },

    async viewSubmission(a, o) {
      const triggerId = a.triggerId ?? next('trigger.');
      const view = { ...viewDefaults(a.teamId, a.view.id ?? next('V')), ...a.view };
      const res = await sendPayload(
        {
          type: 'view_submission',
          team: { id: a.teamId, domain: domain(a.teamId) },
          user: user(a.teamId, a.userId),
          api_app_id: appId,
          token: 'deprecated-verification-token',
          trigger_id: triggerId,
          view,
          response_urls: [],
          enterprise: null,
          is_enterprise_install: false,
        },
        o,
      );
      return { ...res, triggerId };
    },

    event(a, o) {
      const body = {
        token: 'deprecated-verification-token',
        team_id: a.teamId,
        api_app_id: appId,
        event: a.event,
        type: 'event_callback',
        event_id: a.eventId ?? next('Ev'),
        event_time: a.eventTime ?? Math.floor(Date.now() / 1000),
        authorizations: [
          {
            enterprise_id: null,
            team_id: a.teamId,
            user_id: opts.botUserIdFor?.(a.teamId) ?? `U${a.teamId}BOT`,
            is_bot: true,
            is_enterprise_install: false,
          },
        ],
        is_ext_shared_channel: false,
      };
      return send(JSON.stringify(body), 'application/json', o);
    },

    urlVerification(challenge, o) {
      const body = { token: 'deprecated-verification-token', challenge, type: 'url_verification' };
      return send(JSON.stringify(body), 'application/json', o);
    },
  };
}
