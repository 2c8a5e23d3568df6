/**
 * chat.scheduleMessage, chat.deleteScheduledMessage and chat.scheduledMessages.list for the
 * fake Slack, with the restrictions Slack documents: post_at in the future and at most 120 days
 * ahead, at most 30 messages per channel within one 5-minute window, and no `metadata` (Slack
 * accepts it but then never posts the message — the fake does the same and records a violation).
 */

import { readNewMessage } from './fake-slack-methods-chat.ts';
import { type FakeChannel, SlackFailure } from './fake-slack-model.ts';
import { type MethodContext, type MethodHandler, optInt, optString, reqString } from './fake-slack-params.ts';
import type { PendingScheduledMessage } from './fake-slack-scheduler.ts';

const MAX_DAYS_AHEAD = 120;
const WINDOW_SECONDS = 5 * 60;
const MAX_PER_WINDOW = 30;
const LIST_DEFAULT_LIMIT = 100;
const LIST_MAX_LIMIT = 1000;

/**
 * A conversation the token's team has (a channel, or a DM the bot has opened). Unlike
 * chat.postMessage, a user id is not a shortcut for the DM here: the app must name the channel.
 */
function knownChannel(ctx: MethodContext, channel: string): FakeChannel {
  const found = ctx.model.channels.get(`${ctx.workspace.teamId}/${channel}`);
  if (!found) throw new SlackFailure('channel_not_found');
  return found;
}

/** Unix seconds as a number or a numeric string (form bodies); anything else is `invalid_time`. */
function readPostAt(v: unknown): number {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : Number.NaN;
  if (!Number.isFinite(n)) throw new SlackFailure('invalid_time');
  return Math.floor(n);
}

/**
 * True when one more message at `postAt` would make more than 30 in some 5-minute window of the
 * channel: every window holding `postAt` starts at `postAt` or at an earlier pending post_at.
 */
function overWindowLimit(existing: number[], postAt: number): boolean {
  const near = existing.filter((t) => Math.abs(t - postAt) < WINDOW_SECONDS);
  if (near.length < MAX_PER_WINDOW) return false;
  const starts = [postAt, ...near.filter((t) => t < postAt)];
  return starts.some(
    (start) => near.filter((t) => t >= start && t < start + WINDOW_SECONDS).length >= MAX_PER_WINDOW,
  );
}

const scheduleMessage: MethodHandler = (ctx) => {
  const channelArg = reqString(ctx.params, 'channel', 'channel_not_found');
  const channel = knownChannel(ctx, channelArg);
  if (ctx.params.post_at === undefined) throw new SlackFailure('invalid_time');
  const postAt = readPostAt(ctx.params.post_at);
  const nowMs = Date.now();
  if (postAt * 1000 <= nowMs) throw new SlackFailure('time_in_past');
  if (postAt * 1000 > nowMs + MAX_DAYS_AHEAD * 86_400_000) throw new SlackFailure('time_too_far');
  const { body, threadTs, metadata } = readNewMessage(ctx, 'chat.scheduleMessage', channelArg, channel);
  if (overWindowLimit(ctx.scheduler.postTimesIn(channel.teamId, channel.channelId), postAt)) {
    throw new SlackFailure('restricted_too_many');
  }
  const stored = ctx.scheduler.add({
    teamId: channel.teamId,
    channelId: channel.channelId,
    postAt,
    createdAt: nowMs,
    ...body,
    ...(threadTs === undefined ? {} : { threadTs }),
    hasMetadata: metadata !== undefined,
    user: ctx.workspace.botUserId,
    botId: ctx.workspace.botId,
  });
  if (metadata !== undefined) {
    ctx.recordViolation(
      `chat.scheduleMessage (channel ${channelArg})`,
      `${stored.id} has metadata: Slack never posts a scheduled message with metadata (documented bug)`,
    );
  }
  return {
    ok: true,
    channel: channel.channelId,
    scheduled_message_id: stored.id,
    post_at: postAt,
    message: {
      type: 'delayed_message',
      subtype: 'bot_message',
      text: body.text ?? '',
      ...(body.blocks === undefined ? {} : { blocks: body.blocks }),
      bot_id: ctx.workspace.botId,
      user: ctx.workspace.botUserId,
      team: ctx.workspace.teamId,
    },
  };
};

const deleteScheduledMessage: MethodHandler = (ctx) => {
  const channel = knownChannel(ctx, reqString(ctx.params, 'channel', 'channel_not_found'));
  const id = reqString(ctx.params, 'scheduled_message_id', 'invalid_scheduled_message_id');
  const pending = ctx.scheduler.get(id);
  // Unknown, another team's, already posted or already deleted: all the same answer.
  if (!pending || pending.teamId !== ctx.workspace.teamId) {
    throw new SlackFailure('invalid_scheduled_message_id');
  }
  if (pending.channelId !== channel.channelId) throw new SlackFailure('channel_not_found');
  ctx.scheduler.remove(id);
  return { ok: true };
};

/** Keyset cursor (post_at, id): a page boundary survives messages being posted in between. */
const encodeCursor = (m: PendingScheduledMessage): string =>
  Buffer.from(`sched:${m.postAt}:${m.id}`).toString('base64url');

function decodeCursor(cursor: string): { postAt: number; id: string } {
  const m = /^sched:(\d+):(Q\d+)$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!m) throw new SlackFailure('invalid_cursor');
  return { postAt: Number(m[1]), id: m[2] ?? '' };
}

function readTime(ctx: MethodContext, name: string): number | undefined {
  const v = optString(ctx.params, name);
  if (v === undefined || v === '') return undefined;
  const n = Number(v);
  if (!Number.isFinite(n)) throw new SlackFailure('invalid_arguments');
  return n;
}

const listScheduledMessages: MethodHandler = (ctx) => {
  const channelArg = optString(ctx.params, 'channel');
  const channel = channelArg === undefined || channelArg === '' ? undefined : knownChannel(ctx, channelArg);
  const oldest = readTime(ctx, 'oldest');
  const latest = readTime(ctx, 'latest');
  if (oldest !== undefined && latest !== undefined && oldest >= latest) {
    throw new SlackFailure('invalid_arguments');
  }
  const limit = Math.min(LIST_MAX_LIMIT, optInt(ctx.params, 'limit') || LIST_DEFAULT_LIMIT);
  if (limit < 1) throw new SlackFailure('invalid_limit');
  const cursorArg = optString(ctx.params, 'cursor');
  const after = cursorArg ? decodeCursor(cursorArg) : undefined;
  const matching = ctx.scheduler.list(
    (m) =>
      m.teamId === ctx.workspace.teamId &&
      (channel === undefined || m.channelId === channel.channelId) &&
      (oldest === undefined || m.postAt >= oldest) &&
      (latest === undefined || m.postAt <= latest) &&
      (after === undefined || m.postAt > after.postAt || (m.postAt === after.postAt && m.id > after.id)),
  );
  const page = matching.slice(0, limit);
  const last = page[page.length - 1];
  return {
    ok: true,
    scheduled_messages: page.map((m) => ({
      id: m.id,
      channel_id: m.channelId,
      post_at: m.postAt,
      date_created: Math.floor(m.createdAt / 1000),
      text: m.text ?? '',
    })),
    response_metadata: { next_cursor: matching.length > limit && last ? encodeCursor(last) : '' },
  };
};

export const scheduledMethods: Record<string, MethodHandler> = {
  'chat.scheduleMessage': scheduleMessage,
  'chat.deleteScheduledMessage': deleteScheduledMessage,
  'chat.scheduledMessages.list': listScheduledMessages,
};
