/**
 * The requests Slack sends an app, built from the sandbox's workspace model: slash commands
 * (form fields), block_actions, view_submission and view_closed (form `payload`), and Events API
 * envelopes (JSON). Field names and shapes follow Slack's interaction and event references, so
 * the app reads them with the same Bolt code it runs against Slack.
 */
import type { FakeWorkspace, StoredView } from './slack/fake-slack-model.ts';

type Json = Record<string, unknown>;

/** `state.values`: block id → action id → the element's state, as Slack sends it. */
export type StateValues = Record<string, Record<string, Json>>;

export interface Actor {
  workspace: FakeWorkspace;
  userId: string;
  userName: string;
}

const VERIFICATION_TOKEN = 'sandbox-deprecated-verification-token';

function teamOf(w: FakeWorkspace): Json {
  return { id: w.teamId, domain: w.teamName.toLowerCase().replace(/[^a-z0-9-]+/g, '-') };
}

function userOf(a: Actor): Json {
  return { id: a.userId, username: a.userName, name: a.userName, team_id: a.workspace.teamId };
}

/** The `view` object of interaction payloads: the stored view plus ids, hash and the state. */
export function viewPayload(w: FakeWorkspace, stored: StoredView, values: StateValues): Json {
  const v = stored.view;
  return {
    id: stored.id,
    team_id: w.teamId,
    type: v.type,
    blocks: v.blocks ?? [],
    private_metadata: v.private_metadata ?? '',
    callback_id: v.callback_id ?? '',
    state: { values },
    hash: stored.hash,
    title: v.title,
    clear_on_close: v.clear_on_close ?? false,
    notify_on_close: v.notify_on_close ?? false,
    close: v.close ?? null,
    submit: v.submit ?? null,
    previous_view_id: stored.previousViewId ?? null,
    root_view_id: stored.rootViewId,
    app_id: w.appId,
    external_id: stored.externalId ?? '',
    app_installed_team_id: w.teamId,
    bot_id: w.botId,
  };
}

export function slashCommandFields(
  a: Actor,
  args: {
    command: string;
    text: string;
    channelId: string;
    channelName: string;
    triggerId: string;
    responseUrl: string;
  },
): Record<string, string> {
  return {
    token: VERIFICATION_TOKEN,
    team_id: a.workspace.teamId,
    team_domain: String(teamOf(a.workspace).domain),
    channel_id: args.channelId,
    channel_name: args.channelName,
    user_id: a.userId,
    user_name: a.userName,
    command: args.command,
    text: args.text,
    api_app_id: a.workspace.appId,
    is_enterprise_install: 'false',
    response_url: args.responseUrl,
    trigger_id: args.triggerId,
  };
}

/** Where an action happened: a message (maybe ephemeral), or a modal / Home tab. */
export type ActionSource =
  | {
      kind: 'message';
      channelId: string;
      channelName: string;
      message: Json;
      ephemeral: boolean;
      responseUrl: string;
    }
  | { kind: 'view'; view: StoredView };

export function blockActionsPayload(
  a: Actor,
  source: ActionSource,
  action: Json,
  values: StateValues,
  triggerId: string,
): Json {
  const common = {
    type: 'block_actions',
    user: userOf(a),
    api_app_id: a.workspace.appId,
    token: VERIFICATION_TOKEN,
    trigger_id: triggerId,
    team: teamOf(a.workspace),
    enterprise: null,
    is_enterprise_install: false,
    actions: [{ ...action, action_ts: (Date.now() / 1000).toFixed(6) }],
  };
  if (source.kind === 'view') {
    return {
      ...common,
      container: { type: 'view', view_id: source.view.id },
      view: viewPayload(a.workspace, source.view, values),
      state: { values },
    };
  }
  const ts = String(source.message.ts);
  return {
    ...common,
    container: {
      type: 'message',
      message_ts: ts,
      channel_id: source.channelId,
      is_ephemeral: source.ephemeral,
    },
    channel: { id: source.channelId, name: source.channelName },
    message: source.message,
    state: { values },
    response_url: source.responseUrl,
  };
}

export function viewSubmissionPayload(
  a: Actor,
  view: StoredView,
  values: StateValues,
  triggerId: string,
): Json {
  return {
    type: 'view_submission',
    team: teamOf(a.workspace),
    user: userOf(a),
    api_app_id: a.workspace.appId,
    token: VERIFICATION_TOKEN,
    trigger_id: triggerId,
    view: viewPayload(a.workspace, view, values),
    response_urls: [],
    enterprise: null,
    is_enterprise_install: false,
  };
}

export function viewClosedPayload(a: Actor, view: StoredView, values: StateValues): Json {
  return {
    type: 'view_closed',
    team: teamOf(a.workspace),
    user: userOf(a),
    api_app_id: a.workspace.appId,
    token: VERIFICATION_TOKEN,
    view: viewPayload(a.workspace, view, values),
    is_cleared: false,
    enterprise: null,
    is_enterprise_install: false,
  };
}

/** The Events API envelope (event_callback) around one event. */
export function eventEnvelope(w: FakeWorkspace, event: Json, eventId: string): Json {
  return {
    token: VERIFICATION_TOKEN,
    team_id: w.teamId,
    api_app_id: w.appId,
    event,
    type: 'event_callback',
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [
      {
        enterprise_id: null,
        team_id: w.teamId,
        user_id: w.botUserId,
        is_bot: true,
        is_enterprise_install: false,
      },
    ],
    is_ext_shared_channel: false,
  };
}
