import type { Redis } from 'ioredis';

/**
 * Per-workspace pacing of Slack messages, shared by every worker replica through Redis.
 *
 * Two keys per workspace: `blocked` (set from a 429's Retry-After: nothing is sent to that
 * workspace before it) and a GCRA "theoretical arrival time". `reserve` always books the next
 * free slot (a small burst may go at once) and answers how long until it, so a thousand reminders
 * due at the same minute get a thousand distinct slots in one call each — no retry herd. A job
 * told to wait is delayed until its slot and then sends without asking again. While a workspace
 * is blocked nothing is booked: the wait until the block ends comes back as `blockedMs`.
 */
const RESERVE = `
local now = tonumber(ARGV[1])
local interval = tonumber(ARGV[2])
local burst = tonumber(ARGV[3])
local blocked = tonumber(redis.call('GET', KEYS[1]) or '0')
if blocked > now then return {1, blocked - now} end
local tat = tonumber(redis.call('GET', KEYS[2]) or '0')
if tat < now then tat = now end
local newTat = tat + interval
redis.call('SET', KEYS[2], newTat, 'PX', math.ceil(newTat - now) + 60000)
local slot = newTat - burst * interval
if slot < now then slot = now end
return {0, slot - now}
`;

const BLOCK = `
local untilMs = tonumber(ARGV[1])
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
if untilMs > current then
  redis.call('SET', KEYS[1], untilMs, 'PX', math.max(1, untilMs - tonumber(ARGV[2])) + 1000)
end
return 0
`;

export type Reservation = { blockedMs: number } | { waitMs: number };

const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;

/** Slack's per-channel pace: about one message per second. */
const CHANNEL_INTERVAL_MS = 1000;

/** A send holds its workspace's gate at most this long (the Web API timeout is 10 s). */
const GATE_TTL_MS = 15_000;

export interface WorkspaceThrottle {
  /** Books the next message slot of this workspace (waitMs 0 = now), unless it is blocked by a 429. */
  reserve(teamId: string): Promise<Reservation>;
  /**
   * Books the next slot of one channel (Slack allows about one message per second per channel,
   * whatever the workspace's budget); answers how long until it.
   */
  reserveChannel(teamId: string, channelId: string): Promise<number>;
  /** Milliseconds this workspace is still blocked by a 429 (0 = not blocked). */
  blockedMs(teamId: string): Promise<number>;
  /** Slack answered 429: hold every send to this workspace until `untilMs`. */
  blockUntil(teamId: string, untilMs: number): Promise<void>;
  /**
   * Runs `send` while no other send to this workspace is in flight, on any replica. So a 429 is
   * always known before the next call starts: "never a call before Retry-After" holds even with
   * many workers. Returns `{ acquired: false }` when the gate stayed busy for `maxWaitMs`.
   */
  exclusive<T>(
    teamId: string,
    send: () => Promise<T>,
    maxWaitMs: number,
  ): Promise<{ acquired: true; value: T } | { acquired: false }>;
}

export function createWorkspaceThrottle(
  redis: Redis,
  options: { prefix: string; messagesPerMinute: number; burst?: number; now?: () => number },
): WorkspaceThrottle {
  const interval = 60_000 / options.messagesPerMinute;
  // No burst by default: sends to one workspace are evenly spaced, so a 429 is never answered
  // while other sends to that workspace are already in flight.
  const burst = options.burst ?? 1;
  const now = options.now ?? Date.now;
  const local = new Map<string, Promise<void>>();
  const keys = (teamId: string) => [
    `${options.prefix}:throttle:${teamId}:blocked`,
    `${options.prefix}:throttle:${teamId}:tat`,
  ];
  return {
    async reserve(teamId) {
      const [blocked, tat] = keys(teamId);
      const [isBlocked, ms] = (await redis.eval(
        RESERVE,
        2,
        blocked as string,
        tat as string,
        now(),
        interval,
        burst,
      )) as [number, number];
      const wait = Math.max(0, Math.ceil(Number(ms)));
      return isBlocked === 1 ? { blockedMs: wait } : { waitMs: wait };
    },
    async reserveChannel(teamId, channelId) {
      const base = `${options.prefix}:throttle:${teamId}:channel:${channelId}`;
      const [, ms] = (await redis.eval(
        RESERVE,
        2,
        `${base}:blocked`,
        `${base}:tat`,
        now(),
        CHANNEL_INTERVAL_MS,
        1,
      )) as [number, number];
      return Math.max(0, Math.ceil(Number(ms)));
    },
    async blockedMs(teamId) {
      const [blocked] = keys(teamId);
      return Math.max(0, Number((await redis.get(blocked as string)) ?? 0) - now());
    },
    async exclusive(teamId, send, maxWaitMs) {
      // Sends of this process queue on an in-process chain (no polling); only the head of the
      // chain competes for the Redis gate, which other replicas' heads may hold.
      const previous = local.get(teamId) ?? Promise.resolve();
      let done = () => {};
      const mine = new Promise<void>((resolve) => {
        done = resolve;
      });
      const chain = previous.then(() => mine);
      local.set(teamId, chain);
      const deadline = Date.now() + maxWaitMs;
      try {
        let timer: NodeJS.Timeout | undefined;
        const timedOut = await Promise.race([
          previous.then(() => false),
          new Promise<boolean>((resolve) => {
            timer = setTimeout(() => resolve(true), maxWaitMs);
          }),
        ]).finally(() => clearTimeout(timer));
        if (timedOut) return { acquired: false };
        const gate = `${options.prefix}:throttle:${teamId}:gate`;
        const token = `${process.pid}-${Math.random().toString(36).slice(2)}`;
        while ((await redis.set(gate, token, 'PX', GATE_TTL_MS, 'NX')) !== 'OK') {
          if (Date.now() >= deadline) return { acquired: false };
          await new Promise((resolve) => setTimeout(resolve, 5));
        }
        try {
          return { acquired: true, value: await send() };
        } finally {
          await redis.eval(RELEASE, 1, gate, token);
        }
      } finally {
        done();
        if (local.get(teamId) === chain) local.delete(teamId);
      }
    },
    async blockUntil(teamId, untilMs) {
      const [blocked] = keys(teamId);
      await redis.eval(BLOCK, 1, blocked as string, untilMs, now());
    },
  };
}
