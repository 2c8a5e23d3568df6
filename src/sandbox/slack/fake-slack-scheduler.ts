/**
 * The fake Slack's scheduled messages (chat.scheduleMessage): what is pending, and the timers
 * that post each one into its channel at its post_at, as Slack does.
 *
 * It must hold a whole team's reminders at once (10,000 DMs for the same minute), so pending
 * messages are indexed by channel (the 30-per-5-minutes rule looks at one channel) and by
 * post_at, with one timer per distinct post_at rather than one per message: all messages due at
 * the same second are posted in a single pass.
 */
import type { FakeSlackModel, StoredMessage } from './fake-slack-model.ts';
import type { FakeSlackScheduledMessage } from './fake-slack-types.ts';

/** What tests see of a pending message (FakeSlackScheduledMessage), plus who posts it. */
export interface PendingScheduledMessage extends FakeSlackScheduledMessage {
  user: string;
  botId: string;
}

/** The longest a single setTimeout may wait (about 24.8 days); longer waits are re-armed. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export class FakeScheduler {
  private readonly pending = new Map<string, PendingScheduledMessage>();
  /** Ids of pending messages per `team/channel`. */
  private readonly byChannel = new Map<string, Set<string>>();
  /** Ids of pending messages per post_at, and the one timer that posts them. */
  private readonly byPostAt = new Map<number, { ids: Set<string>; timer: NodeJS.Timeout }>();
  private counter = 0;

  constructor(
    private readonly model: FakeSlackModel,
    /** Called after each pass that posted at least one message (the sandbox redraws). */
    private readonly onDelivered: () => void = () => undefined,
  ) {}

  /** Slack's ids look like Q1234ABCD; unique across the whole fake. */
  private nextId(): string {
    this.counter += 1;
    return `Q${String(this.counter).padStart(9, '0')}`;
  }

  add(message: Omit<PendingScheduledMessage, 'id'>): PendingScheduledMessage {
    const stored: PendingScheduledMessage = { id: this.nextId(), ...message };
    this.pending.set(stored.id, stored);
    const channelKey = `${stored.teamId}/${stored.channelId}`;
    const inChannel = this.byChannel.get(channelKey) ?? new Set<string>();
    inChannel.add(stored.id);
    this.byChannel.set(channelKey, inChannel);
    const slot = this.byPostAt.get(stored.postAt);
    if (slot) slot.ids.add(stored.id);
    else this.byPostAt.set(stored.postAt, { ids: new Set([stored.id]), timer: this.arm(stored.postAt) });
    return stored;
  }

  get(id: string): PendingScheduledMessage | undefined {
    return this.pending.get(id);
  }

  /** Pending messages of one channel (`teamId/channelId`'s post_at values, for the window rule). */
  postTimesIn(teamId: string, channelId: string): number[] {
    const ids = this.byChannel.get(`${teamId}/${channelId}`) ?? new Set<string>();
    return [...ids].map((id) => this.pending.get(id)?.postAt ?? 0);
  }

  /** Pending messages, soonest first (ties in the order they were scheduled). */
  list(filter: (m: PendingScheduledMessage) => boolean = () => true): PendingScheduledMessage[] {
    return [...this.pending.values()].filter(filter).sort((a, b) => a.postAt - b.postAt || cmp(a.id, b.id));
  }

  /** Takes a pending message out; it will never be posted. */
  remove(id: string): void {
    const m = this.pending.get(id);
    if (!m) return;
    this.pending.delete(id);
    const channelKey = `${m.teamId}/${m.channelId}`;
    const inChannel = this.byChannel.get(channelKey);
    inChannel?.delete(id);
    if (inChannel?.size === 0) this.byChannel.delete(channelKey);
    const slot = this.byPostAt.get(m.postAt);
    slot?.ids.delete(id);
    if (slot?.ids.size === 0) {
      clearTimeout(slot.timer);
      this.byPostAt.delete(m.postAt);
    }
  }

  /** Forgets every pending message and stops every timer (reset and close). */
  clear(): void {
    for (const slot of this.byPostAt.values()) clearTimeout(slot.timer);
    this.byPostAt.clear();
    this.byChannel.clear();
    this.pending.clear();
  }

  private arm(postAt: number): NodeJS.Timeout {
    const wait = Math.min(MAX_TIMER_MS, Math.max(0, postAt * 1000 - Date.now()));
    const timer = setTimeout(() => this.fire(postAt), wait);
    // A pending message must not keep a test or a benchmark process alive.
    timer.unref();
    return timer;
  }

  private fire(postAt: number): void {
    const slot = this.byPostAt.get(postAt);
    if (!slot) return;
    // Timers may fire a hair early against the wall clock (or a long wait was capped): re-arm.
    if (Date.now() < postAt * 1000) {
      slot.timer = this.arm(postAt);
      return;
    }
    const deliveredAt = Date.now();
    let posted = 0;
    for (const id of [...slot.ids]) {
      const m = this.pending.get(id);
      this.remove(id);
      if (!m || m.hasMetadata) continue;
      const stored: StoredMessage = {
        teamId: m.teamId,
        channelId: m.channelId,
        ts: this.model.nextTs(),
        ...(m.text === undefined ? {} : { text: m.text }),
        ...(m.blocks === undefined ? {} : { blocks: m.blocks }),
        ...(m.threadTs === undefined ? {} : { threadTs: m.threadTs }),
        user: m.user,
        botId: m.botId,
        scheduledMessageId: m.id,
        deliveredAt,
      };
      this.model.messages.push(stored);
      posted += 1;
    }
    this.byPostAt.delete(postAt);
    if (posted > 0) this.onDelivered();
  }
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
