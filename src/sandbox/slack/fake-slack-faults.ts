/**
 * The fake Slack's failure state: injected HTTP failures, Slack-like rate limits on
 * chat.postMessage / chat.scheduleMessage (one message budget) and the scheduled-message
 * housekeeping methods, and the record of calls made before a 429's Retry-After had passed. Kept
 * apart from the HTTP server so `reset()` can clear all of it in one place.
 */
import type { FakeSlackCall, InjectedFailure, MessageRateLimits } from './fake-slack-types.ts';

/** Methods that spend the workspace's message budget (Slack points scheduleMessage at postMessage's limits). */
const MESSAGE_METHODS = new Set(['chat.postMessage', 'chat.scheduleMessage']);
/** Tier 3 (50+ per minute) methods, limited per workspace and method. */
const TIER3_METHODS = new Set(['chat.deleteScheduledMessage', 'chat.scheduledMessages.list']);
const TIER3_DEFAULT_PER_MINUTE = 50;
const TIER3_DEFAULT_BURST = 5;

interface FailureRule {
  method?: string;
  teamId?: string;
  status: 429 | 500 | 502 | 503;
  retryAfterSeconds: number;
  remaining: number;
  probability: number;
  afterPost: boolean;
}

/** What the fake answers instead of (or after) running the method. */
export type FaultDecision =
  | { kind: 'pass' }
  | { kind: 'ratelimited'; retryAfterSeconds: number }
  | { kind: 'fail'; status: 429 | 500 | 502 | 503; retryAfterSeconds: number }
  | { kind: 'fail-after-post'; status: 500 | 502 | 503 };

export class FakeSlackFaults {
  private rules: FailureRule[] = [];
  private limits: MessageRateLimits | undefined;
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  /** When each (team, method) may be called again after a 429. */
  private readonly retryAfterUntil = new Map<string, number>();
  private readonly earlyCalls: FakeSlackCall[] = [];

  constructor(private readonly random: () => number) {}

  inject(f: InjectedFailure): void {
    if (f.afterPost && f.status === 429) {
      throw new Error('fakeSlack: afterPost is for 5xx (Slack never posts and then answers 429)');
    }
    this.rules.push({
      status: f.status,
      retryAfterSeconds: f.retryAfterSeconds ?? 1,
      remaining: f.times ?? Number.POSITIVE_INFINITY,
      probability: f.probability ?? 1,
      afterPost: f.afterPost ?? false,
      ...(f.method === undefined ? {} : { method: f.method }),
      ...(f.teamId === undefined ? {} : { teamId: f.teamId }),
    });
  }

  clearRules(): void {
    this.rules = [];
  }

  setRateLimits(limits: MessageRateLimits | undefined): void {
    this.limits = limits;
    this.buckets.clear();
  }

  earlyRetries(): FakeSlackCall[] {
    return [...this.earlyCalls];
  }

  /** Forgets every rule, limit, bucket and Retry-After: a reset fake behaves like a new one. */
  reset(): void {
    this.rules = [];
    this.limits = undefined;
    this.buckets.clear();
    this.retryAfterUntil.clear();
    this.earlyCalls.length = 0;
  }

  /**
   * Decides how to answer one call. Enforced rate limits come first; then every matching rule
   * rolls its own probability, in the order added, and the first that fires answers — so a 429
   * rule and a 5xx rule on the same method both produce their failures.
   */
  decide(call: FakeSlackCall, params: Record<string, unknown>): FaultDecision {
    const limitKey = `${call.teamId ?? '?'}|${call.method}`;
    if ((this.retryAfterUntil.get(limitKey) ?? 0) > call.at) this.earlyCalls.push(call);
    const limited = this.enforcedLimit(call.method, call.teamId, params, call.at);
    if (limited !== undefined) {
      const retryAfter = Math.max(1, Math.ceil(limited));
      this.retryAfterUntil.set(limitKey, call.at + retryAfter * 1000);
      return { kind: 'ratelimited', retryAfterSeconds: retryAfter };
    }
    for (const rule of this.rules) {
      if (rule.remaining <= 0) continue;
      if (rule.method !== undefined && rule.method !== call.method) continue;
      if (rule.teamId !== undefined && rule.teamId !== call.teamId) continue;
      if (this.random() >= rule.probability) continue;
      rule.remaining -= 1;
      if (rule.status === 429) this.retryAfterUntil.set(limitKey, call.at + rule.retryAfterSeconds * 1000);
      if (rule.afterPost && rule.status !== 429) return { kind: 'fail-after-post', status: rule.status };
      return { kind: 'fail', status: rule.status, retryAfterSeconds: rule.retryAfterSeconds };
    }
    return { kind: 'pass' };
  }

  /** Token bucket: true and one token taken, or the seconds until a token is back. */
  private takeToken(key: string, perSecond: number, burst: number, now: number): true | number {
    const bucket = this.buckets.get(key) ?? { tokens: burst, at: now };
    bucket.tokens = Math.min(burst, bucket.tokens + ((now - bucket.at) / 1000) * perSecond);
    bucket.at = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return true;
    }
    return (1 - bucket.tokens) / perSecond;
  }

  /** Seconds to answer 429 with when a call exceeds the configured limits. */
  private enforcedLimit(
    method: string,
    teamId: string | undefined,
    params: Record<string, unknown>,
    now: number,
  ): number | undefined {
    const limits = this.limits;
    if (!limits || teamId === undefined) return undefined;
    if (TIER3_METHODS.has(method)) {
      const taken = this.takeToken(
        `tier3:${teamId}:${method}`,
        (limits.tier3PerMinute ?? TIER3_DEFAULT_PER_MINUTE) / 60,
        limits.tier3Burst ?? TIER3_DEFAULT_BURST,
        now,
      );
      return taken === true ? undefined : taken;
    }
    if (!MESSAGE_METHODS.has(method)) return undefined;
    const team = this.takeToken(
      `team:${teamId}`,
      limits.perWorkspacePerMinute / 60,
      limits.workspaceBurst,
      now,
    );
    if (team !== true) return team;
    const channel = this.takeToken(
      `channel:${teamId}:${String(params.channel)}`,
      limits.perChannelPerSecond,
      limits.channelBurst,
      now,
    );
    return channel === true ? undefined : channel;
  }
}
