/**
 * The public shape of the fake Slack (see fake-slack.ts). Kept in its own file so the server
 * code stays readable; import these from fake-slack.ts, which re-exports them.
 */
import type { SlackAnswer } from './fake-slack-params.ts';

export interface FakeSlackCall {
  method: string;
  token?: string;
  teamId?: string;
  params: Record<string, unknown>;
  at: number;
  /** Set when an injected failure answered this call instead of the method. */
  injectedStatus?: number;
  /** What the fake answered (absent for injected failures). */
  response?: SlackAnswer;
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
   * (`retryAfterSeconds`, default 1).
   */
  injectFailures(f: {
    method?: string;
    teamId?: string;
    status: 429 | 500 | 502 | 503;
    retryAfterSeconds?: number;
    times?: number;
    probability?: number;
  }): void;
  clearFailures(): void;
  /**
   * Slack-like limits on chat.postMessage, answered with 429 + Retry-After: a token bucket per
   * channel (Slack: about 1 message per second, small bursts) and one per workspace.
   * `undefined` turns them off.
   */
  setRateLimits(limits: MessageRateLimits | undefined): void;
  /** Calls made to a (workspace, method) before the Retry-After of its last 429 had passed. */
  earlyRetries(): FakeSlackCall[];
  responseUrl(id: string): string;
  responseUrlPosts(id?: string): Array<{ id: string; body: Record<string, unknown> }>;
  /** Messages in a channel (any team), oldest first, thread replies included. */
  messages(channelId: string): FakeSlackMessage[];
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
    channelId?: string;
  }>;
  dmChannelFor(teamId: string, userId: string): string;
  /** Polls every 20ms; a predicate that throws counts as not yet true. */
  waitFor(predicate: () => boolean, timeoutMs?: number): Promise<void>;
  /** Forgets calls, violations, failures, response_url posts, messages, views and uploads. */
  reset(): void;
  close(): Promise<void>;
}

export interface StartFakeSlackOptions {
  /** Source of randomness for `probability` failures; inject a seeded one for repeatable tests. */
  random?: () => number;
}

export interface MessageRateLimits {
  perChannelPerSecond: number;
  channelBurst: number;
  perWorkspacePerMinute: number;
  workspaceBurst: number;
}
