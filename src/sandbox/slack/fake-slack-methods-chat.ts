/**
 * conversations.* and chat.* for the fake Slack. Answers follow the shapes in Slack's method
 * reference; only fields an app plausibly reads are filled in.
 */
import { validateMessage } from './block-kit-limits.ts';
import {
  type FakeChannel,
  messageObject,
  SlackFailure,
  type StoredMessage,
  tsToMicros,
} from './fake-slack-model.ts';
import {
  isRecord,
  type MethodContext,
  type MethodHandler,
  optBool,
  optString,
  paginate,
  reqString,
} from './fake-slack-params.ts';

function channelObject(c: FakeChannel, botUserId: string): Record<string, unknown> {
  const isIm = c.imUser !== undefined;
  return {
    id: c.channelId,
    name: isIm ? undefined : c.name,
    is_channel: !isIm,
    is_im: isIm,
    is_private: isIm || c.isPrivate === true,
    is_archived: false,
    is_member: isIm || c.members.includes(botUserId),
    ...(isIm ? { user: c.imUser } : { num_members: c.members.length }),
    context_team_id: c.teamId,
  };
}

/** metadata must be `{ event_type, event_payload }`; Slack answers invalid_metadata_format otherwise. */
export function readMetadata(v: unknown): unknown {
  if (v === undefined) return undefined;
  if (!isRecord(v) || typeof v.event_type !== 'string' || !isRecord(v.event_payload)) {
    throw new SlackFailure('invalid_metadata_format');
  }
  return { event_type: v.event_type, event_payload: v.event_payload };
}

/** Validates text + blocks the way Slack does before a message is stored. */
export function readMessageBody(
  ctx: MethodContext,
  method: string,
  channel: string,
): { text?: string; blocks?: unknown } {
  const text = optString(ctx.params, 'text');
  const blocks = ctx.params.blocks;
  if (typeof blocks === 'string' && blocks !== '') throw new SlackFailure('invalid_blocks_format');
  if (text !== undefined && text.length > 40_000) {
    ctx.reportViolations(
      `${method} (channel ${channel})`,
      [`text is ${text.length} characters (max 40000)`],
      'invalid_blocks',
    );
  }
  if (blocks !== undefined) {
    ctx.reportViolations(`${method} (channel ${channel})`, validateMessage({ blocks }), 'invalid_blocks');
  }
  return { ...(text === undefined ? {} : { text }), ...(blocks === undefined ? {} : { blocks }) };
}

/**
 * What a new message needs, checked as Slack checks it (chat.postMessage and
 * chat.scheduleMessage): its body, the thread it replies to (which must exist), its metadata.
 */
export function readNewMessage(
  ctx: MethodContext,
  method: string,
  channelArg: string,
  channel: FakeChannel,
): { body: { text?: string; blocks?: unknown }; threadTs: string | undefined; metadata: unknown } {
  const body = readMessageBody(ctx, method, channelArg);
  if (body.text === undefined && body.blocks === undefined && ctx.params.attachments === undefined) {
    throw new SlackFailure('no_text');
  }
  const threadTs = optString(ctx.params, 'thread_ts');
  if (threadTs !== undefined && !ctx.model.findMessage(channel.teamId, channel.channelId, threadTs)) {
    throw new SlackFailure('thread_not_found');
  }
  return { body, threadTs, metadata: readMetadata(ctx.params.metadata) };
}

function requireOwnMessage(ctx: MethodContext, channel: FakeChannel, ts: string): StoredMessage {
  const m = ctx.model.findMessage(channel.teamId, channel.channelId, ts);
  if (!m) throw new SlackFailure('message_not_found');
  if (m.user !== ctx.workspace.botUserId) throw new SlackFailure('cant_update_message');
  return m;
}

function repliesOf(ctx: MethodContext, m: StoredMessage): StoredMessage[] {
  return ctx.model.channelMessages(m.teamId, m.channelId).filter((r) => r.threadTs === m.ts && r.ts !== m.ts);
}

const postMessage: MethodHandler = (ctx) => {
  const channelArg = reqString(ctx.params, 'channel', 'channel_not_found');
  const channel = ctx.model.resolveChannel(ctx.workspace, channelArg);
  const { body, threadTs, metadata } = readNewMessage(ctx, 'chat.postMessage', channelArg, channel);
  const stored: StoredMessage = {
    teamId: channel.teamId,
    channelId: channel.channelId,
    ts: ctx.model.nextTs(),
    ...body,
    ...(metadata === undefined ? {} : { metadata }),
    ...(threadTs === undefined ? {} : { threadTs }),
    user: ctx.workspace.botUserId,
    botId: ctx.workspace.botId,
  };
  ctx.model.messages.push(stored);
  return { ok: true, channel: channel.channelId, ts: stored.ts, message: messageObject(stored, true) };
};

const postEphemeral: MethodHandler = (ctx) => {
  const channelArg = reqString(ctx.params, 'channel', 'channel_not_found');
  const userId = reqString(ctx.params, 'user', 'user_not_found');
  const channel = ctx.model.resolveChannel(ctx.workspace, channelArg);
  if (!ctx.model.user(ctx.workspace.teamId, userId)) throw new SlackFailure('user_not_found');
  const body = readMessageBody(ctx, 'chat.postEphemeral', channelArg);
  if (body.text === undefined && body.blocks === undefined) throw new SlackFailure('no_text');
  const ts = ctx.model.nextTs();
  ctx.model.ephemerals.push({ teamId: channel.teamId, channelId: channel.channelId, user: userId, ts, body });
  return { ok: true, message_ts: ts };
};

const update: MethodHandler = (ctx) => {
  const channelArg = reqString(ctx.params, 'channel', 'channel_not_found');
  const ts = reqString(ctx.params, 'ts', 'message_not_found');
  const channel = ctx.model.resolveChannel(ctx.workspace, channelArg);
  const m = requireOwnMessage(ctx, channel, ts);
  const body = readMessageBody(ctx, 'chat.update', channelArg);
  if (body.text !== undefined) m.text = body.text;
  if (body.blocks !== undefined) m.blocks = body.blocks;
  const metadata = readMetadata(ctx.params.metadata);
  if (metadata !== undefined) m.metadata = metadata;
  return { ok: true, channel: channel.channelId, ts, text: m.text ?? '', message: messageObject(m, true) };
};

const del: MethodHandler = (ctx) => {
  const channelArg = reqString(ctx.params, 'channel', 'channel_not_found');
  const ts = reqString(ctx.params, 'ts', 'message_not_found');
  const channel = ctx.model.resolveChannel(ctx.workspace, channelArg);
  const m = requireOwnMessage(ctx, channel, ts);
  ctx.model.messages.splice(ctx.model.messages.indexOf(m), 1);
  return { ok: true, channel: channel.channelId, ts };
};

const open: MethodHandler = (ctx) => {
  const users = reqString(ctx.params, 'users')
    .split(',')
    .map((u) => u.trim())
    .filter(Boolean);
  const [userId] = users;
  if (users.length !== 1 || userId === undefined) {
    // Group DMs (mpim) are not modelled; fail loudly rather than pretend.
    throw new SlackFailure('fake_slack_unsupported', {
      detail: 'conversations.open supports exactly one user',
    });
  }
  const user = ctx.model.user(ctx.workspace.teamId, userId);
  if (!user) throw new SlackFailure('user_not_found');
  if (user.deleted) throw new SlackFailure('user_disabled');
  if (user.isBot) throw new SlackFailure('cannot_dm_bot');
  const existed = ctx.model.channels.has(`${ctx.workspace.teamId}/${ctx.model.dmChannelId(userId)}`);
  const dm = ctx.model.openDm(ctx.workspace, userId);
  const channel = optBool(ctx.params, 'return_im')
    ? channelObject(dm, ctx.workspace.botUserId)
    : { id: dm.channelId };
  return { ok: true, ...(existed ? { no_op: true, already_open: true } : {}), channel };
};

const info: MethodHandler = (ctx) => {
  const channel = ctx.model.resolveChannel(
    ctx.workspace,
    reqString(ctx.params, 'channel', 'channel_not_found'),
  );
  return { ok: true, channel: channelObject(channel, ctx.workspace.botUserId) };
};

const members: MethodHandler = (ctx) => {
  const channel = ctx.model.resolveChannel(
    ctx.workspace,
    reqString(ctx.params, 'channel', 'channel_not_found'),
  );
  const { page, nextCursor } = paginate(channel.members, ctx.params, 100);
  return { ok: true, members: page, response_metadata: { next_cursor: nextCursor } };
};

/** Top-level messages, newest first; `oldest`/`latest` exclusive unless `inclusive`. */
const history: MethodHandler = (ctx) => {
  const channel = ctx.model.resolveChannel(
    ctx.workspace,
    reqString(ctx.params, 'channel', 'channel_not_found'),
  );
  const inclusive = optBool(ctx.params, 'inclusive');
  const oldest = tsToMicros(optString(ctx.params, 'oldest') ?? '0');
  const latestArg = optString(ctx.params, 'latest');
  const latest = latestArg === undefined ? Number.POSITIVE_INFINITY : tsToMicros(latestArg);
  const withMetadata = optBool(ctx.params, 'include_all_metadata');
  const top = ctx.model
    .channelMessages(channel.teamId, channel.channelId)
    .filter((m) => m.threadTs === undefined || m.threadTs === m.ts)
    .filter((m) => {
      const t = tsToMicros(m.ts);
      return inclusive ? t >= oldest && t <= latest : t > oldest && t < latest;
    })
    .reverse();
  const { page, nextCursor } = paginate(top, ctx.params, 100);
  return {
    ok: true,
    messages: page.map((m) => messageObject(m, withMetadata, repliesOf(ctx, m))),
    has_more: nextCursor !== '',
    pin_count: 0,
    response_metadata: { next_cursor: nextCursor },
  };
};

/** A thread, parent first then replies oldest first. */
const replies: MethodHandler = (ctx) => {
  const channel = ctx.model.resolveChannel(
    ctx.workspace,
    reqString(ctx.params, 'channel', 'channel_not_found'),
  );
  const ts = reqString(ctx.params, 'ts');
  const found = ctx.model.findMessage(channel.teamId, channel.channelId, ts);
  if (!found) throw new SlackFailure('thread_not_found');
  const parent =
    found.threadTs === undefined
      ? found
      : ctx.model.findMessage(found.teamId, found.channelId, found.threadTs);
  if (!parent) throw new SlackFailure('thread_not_found');
  const thread = [parent, ...repliesOf(ctx, parent)];
  const withMetadata = optBool(ctx.params, 'include_all_metadata');
  const { page, nextCursor } = paginate(thread, ctx.params, 1000);
  return {
    ok: true,
    messages: page.map((m) => messageObject(m, withMetadata, m === parent ? repliesOf(ctx, m) : [])),
    has_more: nextCursor !== '',
    response_metadata: { next_cursor: nextCursor },
  };
};

/** The bot joins a public channel; a private one must invite it, as in Slack. */
const join: MethodHandler = (ctx) => {
  const channel = ctx.model.resolveChannel(
    ctx.workspace,
    reqString(ctx.params, 'channel', 'channel_not_found'),
  );
  if (channel.imUser !== undefined || channel.isPrivate) {
    throw new SlackFailure('method_not_supported_for_channel_type');
  }
  const already = channel.members.includes(ctx.workspace.botUserId);
  if (!already) channel.members.push(ctx.workspace.botUserId);
  return {
    ok: true,
    channel: channelObject(channel, ctx.workspace.botUserId),
    ...(already ? { warning: 'already_in_channel' } : {}),
  };
};

const permalink: MethodHandler = (ctx) => {
  const channel = ctx.model.resolveChannel(
    ctx.workspace,
    reqString(ctx.params, 'channel', 'channel_not_found'),
  );
  const ts = reqString(ctx.params, 'message_ts', 'message_not_found');
  if (!ctx.model.findMessage(channel.teamId, channel.channelId, ts))
    throw new SlackFailure('message_not_found');
  const domain = ctx.workspace.teamName.toLowerCase().replace(/[^a-z0-9-]+/g, '-');
  return {
    ok: true,
    channel: channel.channelId,
    permalink: `https://${domain}.slack.com/archives/${channel.channelId}/p${ts.replace('.', '')}`,
  };
};

export const chatMethods: Record<string, MethodHandler> = {
  'conversations.join': join,
  'chat.getPermalink': permalink,
  'chat.postMessage': postMessage,
  'chat.postEphemeral': postEphemeral,
  'chat.update': update,
  'chat.delete': del,
  'conversations.open': open,
  'conversations.info': info,
  'conversations.members': members,
  'conversations.history': history,
  'conversations.replies': replies,
};
