/**
 * The fake Slack's method table: auth, users, team and OAuth here; conversations/chat and
 * views/files in their own files. A method missing from these tables answers `unknown_method`,
 * so an app calling something the fake does not model fails visibly.
 */
import { canvasMethods } from './fake-slack-methods-canvas.ts';
import { chatMethods } from './fake-slack-methods-chat.ts';
import { scheduledMethods } from './fake-slack-methods-scheduled.ts';
import { viewAndFileMethods } from './fake-slack-methods-views.ts';
import { FAKE_TEAM_DOMAIN_SUFFIX, type FakeWorkspace, SlackFailure, userObject } from './fake-slack-model.ts';
import {
  type MethodHandler,
  optString,
  paginate,
  reqString,
  type UnauthenticatedHandler,
} from './fake-slack-params.ts';

export function teamDomain(w: FakeWorkspace): string {
  return w.teamName.toLowerCase().replace(/[^a-z0-9-]+/g, '-');
}

const authTest: MethodHandler = ({ workspace: w }) => ({
  ok: true,
  url: `https://${teamDomain(w)}${FAKE_TEAM_DOMAIN_SUFFIX}/`,
  team: w.teamName,
  user: 'careerplan',
  team_id: w.teamId,
  user_id: w.botUserId,
  bot_id: w.botId,
  app_id: w.appId,
  is_enterprise_install: false,
});

const teamInfo: MethodHandler = ({ workspace: w, params }) => {
  const team = optString(params, 'team');
  if (team !== undefined && team !== w.teamId) throw new SlackFailure('team_not_found');
  return { ok: true, team: { id: w.teamId, name: w.teamName, domain: teamDomain(w) } };
};

const usersInfo: MethodHandler = ({ model, workspace, params }) => {
  const userId = reqString(params, 'user', 'user_not_found');
  const user = model.user(workspace.teamId, userId) ?? model.connectedUser(workspace.teamId, userId);
  if (!user) throw new SlackFailure('user_not_found');
  return { ok: true, user: userObject(user) };
};

/** Includes the app's own bot user, as Slack does: apps must filter `is_bot` themselves. */
const usersList: MethodHandler = ({ model, workspace, params }) => {
  const { page, nextCursor } = paginate(model.teamUsers(workspace.teamId), params, 0);
  return {
    ok: true,
    members: page.map(userObject),
    cache_ts: Math.floor(Date.now() / 1000),
    response_metadata: { next_cursor: nextCursor },
  };
};

/**
 * Any message of a channel the fake knows, whether or not the bot is in it (Slack answers
 * permalinks for public channels the bot never joined). A channel the fake does not know stands
 * for one the bot cannot see: channel_not_found.
 */
const getPermalink: MethodHandler = ({ model, workspace, params }) => {
  const channelId = reqString(params, 'channel', 'channel_not_found');
  const ts = reqString(params, 'message_ts', 'message_not_found');
  if (!model.channels.has(`${workspace.teamId}/${channelId}`)) throw new SlackFailure('channel_not_found');
  if (!model.findMessage(workspace.teamId, channelId, ts)) throw new SlackFailure('message_not_found');
  return {
    ok: true,
    channel: channelId,
    permalink: `https://${teamDomain(workspace)}${FAKE_TEAM_DOMAIN_SUFFIX}/archives/${channelId}/p${ts.replace('.', '')}`,
  };
};

export const authenticatedMethods: Record<string, MethodHandler> = {
  'auth.test': authTest,
  'team.info': teamInfo,
  'users.info': usersInfo,
  'users.list': usersList,
  'chat.getPermalink': getPermalink,
  ...chatMethods,
  ...scheduledMethods,
  ...canvasMethods,
  ...viewAndFileMethods,
};

/** Codes are single-use, as in Slack: a replayed OAuth redirect fails with invalid_code. */
const oauthAccess: UnauthenticatedHandler = ({ params, oauthInstalls }) => {
  reqString(params, 'client_id', 'invalid_client_id');
  reqString(params, 'client_secret', 'bad_client_secret');
  const code = reqString(params, 'code', 'invalid_code');
  const install = oauthInstalls.get(code);
  if (!install) throw new SlackFailure('invalid_code');
  oauthInstalls.delete(code);
  return {
    ok: true,
    access_token: install.botToken,
    token_type: 'bot',
    scope: install.scope,
    bot_user_id: install.botUserId,
    app_id: install.appId,
    team: { id: install.teamId, name: install.teamName },
    enterprise: null,
    authed_user: { id: install.installerUserId },
    is_enterprise_install: false,
  };
};

/** Methods authenticated by client credentials instead of a token. */
export const unauthenticatedMethods: Record<string, UnauthenticatedHandler> = {
  'oauth.v2.access': oauthAccess,
};
