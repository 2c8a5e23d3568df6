/**
 * The fake Slack's in-memory workspace model: who exists, which channels they can see, what
 * was posted. Kept apart from the HTTP layer so method handlers read like Slack's docs.
 *
 * Channels and messages are keyed per team, as in Slack a token only ever sees its own team;
 * looking up another team's channel is `channel_not_found`, which is how a multi-workspace bug
 * (the wrong team's token) shows up in tests.
 */

export const FAKE_TEAM_DOMAIN_SUFFIX = '.slack.com';

export interface FakeWorkspace {
  teamId: string;
  teamName: string;
  botToken: string;
  botUserId: string;
  botId: string;
  appId: string;
}

export interface FakeUser {
  teamId: string;
  userId: string;
  name: string;
  realName: string;
  tz: string;
  tzOffset?: number;
  isAdmin: boolean;
  isOwner: boolean;
  isBot: boolean;
  deleted: boolean;
  /** A Slack Connect guest: the other organisation's team, which users.info reports as team_id. */
  homeTeamId?: string;
}

export interface FakeChannel {
  teamId: string;
  channelId: string;
  name: string;
  members: string[];
  /** A private channel: the bot cannot join it, it must be invited. */
  isPrivate?: boolean;
  /** Set for direct-message channels: the human on the other side. */
  imUser?: string;
}

export interface StoredMessage {
  teamId: string;
  channelId: string;
  ts: string;
  text?: string;
  blocks?: unknown;
  metadata?: unknown;
  threadTs?: string;
  files?: unknown[];
  user: string;
  botId: string;
  /** Posted by the fake at its post_at for chat.scheduleMessage: that message's id. */
  scheduledMessageId?: string;
  /** When a scheduled message was posted (ms): when the member actually sees it. */
  deliveredAt?: number;
}

export interface StoredView {
  id: string;
  teamId: string;
  /** The user a home tab was published for. */
  userId?: string;
  externalId?: string;
  hash: string;
  rootViewId: string;
  previousViewId?: string;
  view: Record<string, unknown>;
}

export interface StoredUpload {
  fileId: string;
  teamId: string;
  filename?: string;
  title?: string;
  content?: string;
  /** The uploaded bytes as sent (content is their UTF-8 reading; a PNG needs these). */
  bytes?: Buffer;
  channelId?: string;
  completed: boolean;
}

export interface StoredCanvas {
  canvasId: string;
  teamId: string;
  title?: string;
  /** The Markdown of `document_content` as the app sent it. */
  markdown?: string;
  /** Users given access with canvases.access.set, and their level. */
  access: Map<string, 'read' | 'write'>;
}

/** Thrown by handlers; the server answers `{ ok: false, error, ...extra }` with HTTP 200. */
export class SlackFailure extends Error {
  constructor(
    readonly code: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(code);
  }
}

const key = (teamId: string, id: string): string => `${teamId}/${id}`;

/** Slack ts strings compared exactly: seconds and microseconds as one integer. */
export function tsToMicros(ts: string): number {
  const [sec = '0', frac = ''] = ts.split('.');
  return Number(sec) * 1_000_000 + Number(frac.padEnd(6, '0').slice(0, 6));
}

export class FakeSlackModel {
  readonly workspaces = new Map<string, FakeWorkspace>();
  readonly users = new Map<string, FakeUser>();
  readonly channels = new Map<string, FakeChannel>();
  readonly messages: StoredMessage[] = [];
  readonly ephemerals: Array<{ teamId: string; channelId: string; user: string; ts: string; body: unknown }> =
    [];
  readonly views = new Map<string, StoredView>();
  readonly uploads = new Map<string, StoredUpload>();
  readonly canvases = new Map<string, StoredCanvas>();
  /** Workspaces that refuse canvases.create, and the error they answer with. */
  readonly canvasRefusals = new Map<string, string>();
  private lastTsMicros = 0;
  private counter = 0;

  /** A ts that is unique and strictly increasing across the whole fake, like Slack's. */
  nextTs(): string {
    this.lastTsMicros = Math.max(Date.now() * 1000, this.lastTsMicros + 1);
    const sec = Math.floor(this.lastTsMicros / 1_000_000);
    const micros = this.lastTsMicros % 1_000_000;
    return `${sec}.${String(micros).padStart(6, '0')}`;
  }

  nextId(prefix: string): string {
    this.counter += 1;
    return `${prefix}${String(this.counter).padStart(8, '0')}`;
  }

  workspaceByToken(token: string): FakeWorkspace | undefined {
    for (const w of this.workspaces.values()) if (w.botToken === token) return w;
    return undefined;
  }

  user(teamId: string, userId: string): FakeUser | undefined {
    return this.users.get(key(teamId, userId));
  }

  putUser(u: FakeUser): void {
    this.users.set(key(u.teamId, u.userId), u);
  }

  /**
   * Someone of another workspace who shares one of this workspace's channels (Slack Connect):
   * users.info shows them, with their own team_id; users.list does not list them.
   */
  connectedUser(teamId: string, userId: string): FakeUser | undefined {
    const shares = [...this.channels.values()].some((c) => c.teamId === teamId && c.members.includes(userId));
    if (!shares) return undefined;
    return [...this.users.values()].find((u) => u.userId === userId && u.teamId !== teamId);
  }

  teamUsers(teamId: string): FakeUser[] {
    return [...this.users.values()].filter((u) => u.teamId === teamId);
  }

  putChannel(c: FakeChannel): void {
    this.channels.set(key(c.teamId, c.channelId), c);
  }

  dmChannelId(userId: string): string {
    return `D${userId}`;
  }

  /** Opens (or reuses) the bot's DM with a user, as conversations.open does. */
  openDm(w: FakeWorkspace, userId: string): FakeChannel {
    const id = this.dmChannelId(userId);
    const existing = this.channels.get(key(w.teamId, id));
    if (existing) return existing;
    const dm: FakeChannel = {
      teamId: w.teamId,
      channelId: id,
      name: id,
      members: [userId, w.botUserId],
      imUser: userId,
    };
    this.putChannel(dm);
    return dm;
  }

  /**
   * What a `channel` argument names, from the token's team: a channel id, a DM id, or a user
   * id (chat.postMessage to a user id posts in the app's DM with them).
   */
  resolveChannel(w: FakeWorkspace, channel: string): FakeChannel {
    const found = this.channels.get(key(w.teamId, channel));
    if (found) return found;
    const userId = /^[UW]/.test(channel) ? channel : channel.startsWith('D') ? channel.slice(1) : undefined;
    const user = userId === undefined ? undefined : this.user(w.teamId, userId);
    if (!user) throw new SlackFailure('channel_not_found');
    if (user.deleted) throw new SlackFailure('user_disabled');
    return this.openDm(w, user.userId);
  }

  channelMessages(teamId: string, channelId: string): StoredMessage[] {
    return this.messages
      .filter((m) => m.teamId === teamId && m.channelId === channelId)
      .sort((a, b) => tsToMicros(a.ts) - tsToMicros(b.ts));
  }

  findMessage(teamId: string, channelId: string, ts: string): StoredMessage | undefined {
    return this.messages.find((m) => m.teamId === teamId && m.channelId === channelId && m.ts === ts);
  }

  /** Forget what happened, keep who exists (workspaces, users, channels). */
  clearActivity(): void {
    this.messages.length = 0;
    this.ephemerals.length = 0;
    this.views.clear();
    this.uploads.clear();
    this.canvases.clear();
  }
}

/** Slack's time-zone fields for a user, computed from the IANA zone at the current instant. */
const tzCache = new Map<string, { tz_label: string; tz_offset: number }>();

export function tzFields(
  tz: string,
  offsetOverride?: number,
): { tz: string; tz_label: string; tz_offset: number } {
  // Formatting is slow and a users.list page asks for the same zones again and again.
  const cached = tzCache.get(tz);
  if (cached) return { tz, tz_label: cached.tz_label, tz_offset: offsetOverride ?? cached.tz_offset };
  const parts = (style: 'long' | 'longOffset'): string =>
    new Intl.DateTimeFormat('en-US', { timeZone: tz, timeZoneName: style })
      .formatToParts(new Date())
      .find((p) => p.type === 'timeZoneName')?.value ?? '';
  const offsetText = parts('longOffset'); // "GMT", "GMT+05:30", "GMT-04:00"
  const m = /^GMT([+-])(\d{2}):(\d{2})$/.exec(offsetText);
  const computed = m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 3600 + Number(m[3]) * 60) : 0;
  tzCache.set(tz, { tz_label: parts('long'), tz_offset: computed });
  return { tz, tz_label: parts('long'), tz_offset: offsetOverride ?? computed };
}

/** The `user` object of users.info / users.list. */
export function userObject(u: FakeUser): Record<string, unknown> {
  return {
    id: u.userId,
    team_id: u.homeTeamId ?? u.teamId,
    name: u.name,
    deleted: u.deleted,
    real_name: u.realName,
    ...tzFields(u.tz, u.tzOffset),
    profile: { real_name: u.realName, display_name: u.name, team: u.homeTeamId ?? u.teamId },
    is_admin: u.isAdmin,
    is_owner: u.isOwner,
    is_primary_owner: false,
    is_restricted: false,
    is_ultra_restricted: false,
    is_bot: u.isBot,
    is_app_user: false,
    updated: 1_700_000_000,
  };
}

/** The message object of conversations.history / replies and chat.postMessage answers. */
export function messageObject(
  m: StoredMessage,
  withMetadata: boolean,
  replies: StoredMessage[] = [],
): Record<string, unknown> {
  return {
    type: 'message',
    ts: m.ts,
    user: m.user,
    bot_id: m.botId,
    team: m.teamId,
    text: m.text ?? '',
    ...(m.blocks === undefined ? {} : { blocks: m.blocks }),
    ...(m.files === undefined ? {} : { files: m.files }),
    ...(m.threadTs === undefined ? {} : { thread_ts: m.threadTs }),
    ...(replies.length > 0
      ? { thread_ts: m.ts, reply_count: replies.length, latest_reply: replies[replies.length - 1]?.ts }
      : {}),
    ...(withMetadata && m.metadata !== undefined ? { metadata: m.metadata } : {}),
  };
}
