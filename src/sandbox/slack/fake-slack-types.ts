/**
 * The public shape of the fake Slack (see fake-slack.ts). Kept in its own file so the server
 * code stays readable; import these from fake-slack.ts, which re-exports them.
 */
import type { FakeSlackModel } from './fake-slack-model.ts';
import type { SlackAnswer } from './fake-slack-params.ts';
import type { FakeSocketMode } from './fake-slack-socket.ts';

export interface FakeSlackCall {
  method: string;
  /** The tag of the URL the call came through (`urlFor(tag)`), e.g. which process made it. */
  via?: string;
  token?: string;
  teamId?: string;
  params: Record<string, unknown>;
  at: number;
  /** Set when an injected failure answered this call (instead of, or after, the method). */
  injectedStatus?: number;
  /**
   * What the method answered: absent when an injected failure answered instead; present (with
   * `injectedStatus`) for "post accepted, answer 5xx", where the method ran but the app saw 5xx.
   */
  response?: SlackAnswer;
}

/** An HTTP-level failure rule for `injectFailures`. */
export interface InjectedFailure {
  method?: string;
  teamId?: string;
  status: 429 | 500 | 502 | 503;
  retryAfterSeconds?: number;
  times?: number;
  probability?: number;
  /**
   * Run the method (the message is posted, the view opened…) and then answer with the 5xx
   * anyway: the app cannot tell whether its call took effect. Not for 429.
   */
  afterPost?: boolean;
}

export interface FakeSlackMessage {
  teamId: string;
  ts: string;
  text?: string;
  blocks?: unknown;
  metadata?: unknown;
  threadTs?: string;
  files?: unknown[];
  user: string;
  /** Set on a message the fake posted for chat.scheduleMessage: the scheduled message's id. */
  scheduledMessageId?: string;
  /** When that scheduled message was posted (ms since the epoch): when the member saw it. */
  deliveredAt?: number;
}

/** A chat.scheduleMessage message not yet posted and not deleted. */
export interface FakeSlackScheduledMessage {
  id: string;
  teamId: string;
  channelId: string;
  /** Unix seconds, as the app sent it. */
  postAt: number;
  /** When chat.scheduleMessage accepted it (ms since the epoch). */
  createdAt: number;
  text?: string;
  blocks?: unknown;
  threadTs?: string;
  /** Scheduled with metadata: it will never be posted (Slack's documented bug); a violation. */
  hasMetadata: boolean;
}

export interface FakeSlackView {
  id: string;
  teamId: string;
  userId?: string;
  externalId?: string;
  hash: string;
  view: Record<string, unknown>;
}

export interface FakeSlack {
  url: string;
  baseUrl: string;
  calls: FakeSlackCall[];
  /** Calls the fake answered (injected 429/5xx left out). */
  callsTo(method: string): FakeSlackCall[];
  violations: string[];
  /** Socket Mode: app tokens, connections, envelopes that must be acknowledged. */
  socketMode: FakeSocketMode;
  addWorkspace(w: {
    teamId: string;
    teamName?: string;
    botToken: string;
    botUserId?: string;
    botId?: string;
    appId?: string;
  }): void;
  addUser(u: {
    teamId: string;
    userId: string;
    name?: string;
    realName?: string;
    tz?: string;
    tzOffset?: number;
    isAdmin?: boolean;
    isOwner?: boolean;
    isBot?: boolean;
    deleted?: boolean;
    /** A Slack Connect guest from another organisation: users.info reports this team_id. */
    homeTeamId?: string;
  }): void;
  addChannel(c: {
    teamId: string;
    channelId: string;
    name?: string;
    members?: string[];
    /** Private: conversations.join is refused; the bot must be a member to see it. */
    isPrivate?: boolean;
  }): void;
  /** What oauth.v2.access answers for `code` (once: codes are single-use); registers the workspace now. */
  setOAuthInstall(
    code: string,
    install: {
      teamId: string;
      teamName?: string;
      botToken: string;
      botUserId?: string;
      installerUserId?: string;
      scope?: string;
    },
  ): void;
  /**
   * HTTP-level failures for matching calls (any method/team when omitted). `times` defaults to
   * unlimited (until clearFailures) and `probability` to 1. A 429 carries `Retry-After`
   * (`retryAfterSeconds`, default 1). Rules compose: each matching rule rolls its own
   * probability in the order added, and the first that fires answers.
   */
  injectFailures(f: InjectedFailure): void;
  clearFailures(): void;
  /**
   * Slack-like limits, answered with 429 + Retry-After: chat.postMessage and
   * chat.scheduleMessage share a token bucket per workspace and one per channel (Slack: about 1
   * message per second, small bursts); chat.deleteScheduledMessage and chat.scheduledMessages.list
   * have a Tier-3 bucket each per workspace. `undefined` turns them off.
   */
  setRateLimits(limits: MessageRateLimits | undefined): void;
  /** Calls made to a (workspace, method) before the Retry-After of its last 429 had passed. */
  earlyRetries(): FakeSlackCall[];
  responseUrl(id: string): string;
  responseUrlPosts(id?: string): Array<{ id: string; body: Record<string, unknown> }>;
  /**
   * Messages in a channel (any team), oldest first, thread replies included. Scheduled messages
   * appear once posted, with `scheduledMessageId` and `deliveredAt`.
   */
  messages(channelId: string): FakeSlackMessage[];
  /** Pending scheduled messages (chat.scheduleMessage), optionally of one channel, soonest first. */
  scheduledMessages(channelId?: string): FakeSlackScheduledMessage[];
  /** Every message posted for a chat.scheduleMessage so far, in the order posted, with its channel. */
  deliveredScheduledMessages(): Array<FakeSlackMessage & { channelId: string; scheduledMessageId: string }>;
  /** chat.postEphemeral calls that succeeded, optionally for one channel. */
  ephemerals(
    channelId?: string,
  ): Array<{ teamId: string; channelId: string; user: string; ts: string; body: unknown }>;
  /** Current version of every modal and home tab the app opened, pushed, updated or published. */
  views(): FakeSlackView[];
  /** The home tab last published for a user, if any. */
  homeView(teamId: string, userId: string): FakeSlackView | undefined;
  uploadedFiles(): Array<{
    fileId: string;
    title?: string;
    filename?: string;
    content: string;
    /** The bytes as uploaded (binary files such as PNGs). */
    bytes: Buffer;
    channelId?: string;
  }>;
  dmChannelFor(teamId: string, userId: string): string;
  /** A person's message in a channel (what a message shortcut is used on); returns its ts. */
  postUserMessage(m: {
    teamId: string;
    channelId: string;
    userId: string;
    text: string;
    ts?: string;
  }): string;
  /** Canvases the app created (canvases.create), with their Markdown and who may open them. */
  canvases(): Array<{
    canvasId: string;
    teamId: string;
    title?: string;
    markdown?: string;
    access: Record<string, 'read' | 'write'>;
  }>;
  /**
   * Makes canvases.create answer `{ ok: false, error }` in a workspace (a free plan, canvases
   * turned off); `undefined` allows canvases again. Not undone by `reset`.
   */
  refuseCanvases(teamId: string, error: string | undefined): void;
  /**
   * The Web API base URL with a tag: calls through it are recorded with `via: tag`, so a test
   * running several app processes against one fake can tell which process made each call.
   */
  urlFor(tag: string): string;
  /** Polls every 20ms; a predicate that throws counts as not yet true. */
  waitFor(predicate: () => boolean, timeoutMs?: number): Promise<void>;
  /**
   * Back to a fresh fake, keeping only the seeded directory (workspaces, users, channels):
   * forgets calls, violations, failure rules, rate limits and their buckets, Retry-After
   * records, early retries, OAuth codes, response_url posts, messages, pending scheduled
   * messages (they will not be posted), views and uploads.
   */
  reset(): void;
  close(): Promise<void>;
}

export interface StartFakeSlackOptions {
  /** Source of randomness for `probability` failures; inject a seeded one for repeatable tests. */
  random?: () => number;
  /** The workspace model to serve (the sandbox keeps a reference to read and seed it). */
  model?: FakeSlackModel;
  /** Called after every answered Web API call and file upload (the sandbox pushes live updates). */
  onCall?: (call: FakeSlackCall) => void;
  /** Called after scheduled messages were posted at their post_at (the sandbox redraws). */
  onScheduledDelivery?: () => void;
}

export interface MessageRateLimits {
  perChannelPerSecond: number;
  channelBurst: number;
  perWorkspacePerMinute: number;
  workspaceBurst: number;
  /** chat.deleteScheduledMessage and chat.scheduledMessages.list, each per workspace (Tier 3): 50. */
  tier3PerMinute?: number;
  /** Their burst: 5. */
  tier3Burst?: number;
}
