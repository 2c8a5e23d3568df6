import type { Redis } from 'ioredis';

/**
 * Per-workspace pacing of Slack messages, shared by every worker replica through Redis.
 *
 * Keys per workspace: `blocked` (set from a 429's Retry-After: nothing is sent to that workspace
 * before it), `tat`, the GCRA "theoretical arrival time" of bookings, `gate` (one post in flight)
 * and `sent`, a second GCRA on the posts themselves. `reserve` always books the next free slot
 * (the first `burst` of an idle workspace go at once) and answers how long until it, so a
 * thousand reminders due at the same minute get a thousand distinct slots — no retry herd;
 * `reserveMany` books a fan-out's N slots in one call. A job told to wait is delayed until its
 * slot and then sends without asking again. While a workspace is blocked nothing is booked: the
 * wait until the block ends comes back as `blockedMs`.
 */
const RESERVE = `
local now = tonumber(ARGV[1])
local interval = tonumber(ARGV[2])
local n = tonumber(ARGV[3])
local blocked = tonumber(redis.call('GET', KEYS[1]) or '0')
if blocked > now then return {1, tostring(blocked - now)} end
local tat = tonumber(redis.call('GET', KEYS[2]) or '0')
if tat < now then tat = now end
local newTat = tat + n * interval
redis.call('SET', KEYS[2], tostring(newTat), 'PX', math.ceil(newTat - now) + 60000)
return {0, tostring(tat - now)}
`;

/**
 * The slots of `n` consecutive bookings whose GCRA arrival time started `fromMs` after `now`:
 * booking k (1-based) conforms once its arrival time minus the burst allowance has come, i.e.
 * the first `burst` of an idle workspace go at once, then one every `interval`.
 */
export function slotsFrom(now: number, fromMs: number, n: number, interval: number, burst: number): number[] {
  const slots: number[] = [];
  for (let k = 1; k <= n; k++) slots.push(now + Math.max(0, Math.ceil(fromMs + (k - burst) * interval)));
  return slots;
}

const BLOCK = `
local untilMs = tonumber(ARGV[1])
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
if untilMs > current then
  redis.call('SET', KEYS[1], untilMs, 'PX', math.max(1, untilMs - tonumber(ARGV[2])) + 1000)
end
return 0
`;

export type Reservation = { blockedMs: number } | { waitMs: number };
/** `slots` are epoch milliseconds, one per booking, in booking order. */
export type Reservations = { blockedMs: number } | { slots: number[] };

/**
 * Takes the workspace's send gate (SET NX) and, in the same call, says how long the holder must
 * wait so that the *actual* posts conform to the rate and burst (a second GCRA, on send times).
 * Booked slots are spaced right, but a job can run late (a busy event loop, BullMQ waking a batch)
 * and late sends bunch up: without this, a burst of late posts would spend Slack's burst and earn a
 * 429. The gate serialises posts, so this arrival time is exact across replicas. -1: gate busy.
 * It also answers the workspace's 429 block (epoch ms), so the holder need not ask again.
 */
const ACQUIRE = `
if not redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2], 'NX') then return {'-1', '0'} end
local now = tonumber(ARGV[3])
local interval = tonumber(ARGV[4])
local burst = tonumber(ARGV[5])
local tat = tonumber(redis.call('GET', KEYS[2]) or '0')
if tat < now then tat = now end
local at = tat - (burst - 1) * interval
if at < now then at = now end
redis.call('SET', KEYS[2], tostring(tat + interval), 'PX', math.ceil(tat + interval - now) + 60000)
return {tostring(at - now), redis.call('GET', KEYS[3]) or '0'}
`;

const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;

/** Slack's per-channel pace: about one message per second. */
const CHANNEL_INTERVAL_MS = 1000;

/** Booking a fan-out's slots and adding its jobs holds the booking lock at most this long. */
const BOOKING_TTL_MS = 30_000;

/** A send holds its workspace's gate at most this long (the Web API timeout is 10 s). */
const GATE_TTL_MS = 15_000;

export interface WorkspaceThrottle {
  /** Books the next message slot of this workspace (waitMs 0 = now), unless it is blocked by a 429. */
  reserve(teamId: string): Promise<Reservation>;
  /**
   * Books `n` consecutive slots of this workspace in one Redis call (a fan-out's rows due now),
   * unless it is blocked by a 429: then nothing is booked.
   */
  reserveMany(teamId: string, n: number): Promise<Reservations>;
  /**
   * Books the next slot of one channel (Slack allows about one message per second per channel,
   * whatever the workspace's budget); answers how long until it.
   */
  reserveChannel(teamId: string, channelId: string): Promise<number>;
  /**
   * Runs `work` while no other process books this workspace's slots ahead for new jobs (see
   * delivery-timers.ts): "which jobs are new → book their slots → add them" must not interleave,
   * or two callers arming the same rows both book and the jobs may keep the later half. Answers
   * `{ ran: false }` when the lock stayed taken for `maxWaitMs`.
   */
  whileBooking<T>(
    teamId: string,
    work: () => Promise<T>,
    maxWaitMs: number,
  ): Promise<{ ran: true; value: T } | { ran: false }>;
  /**
   * Milliseconds this workspace is still blocked by a 429 (0 = not blocked). Blocks must only be
   * set (blockUntil) by the holder of the workspace's send gate.
   */
  blockedMs(teamId: string): Promise<number>;
  /** Slack answered 429 (call it inside `exclusive`): hold every send to this workspace until `untilMs`. */
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
  // No burst by default: sends to one workspace are evenly spaced. A burst lets an idle workspace
  // send its first few at once, as Slack allows (SLACK_WORKSPACE_MESSAGES_BURST).
  const burst = Math.max(1, options.burst ?? 1);
  const now = options.now ?? Date.now;
  const local = new Map<string, Promise<void>>();
  /** Workspaces whose send gate this process holds, with the 429 block read when taking it. */
  const held = new Map<string, number>();
  const keys = (teamId: string) => [
    `${options.prefix}:throttle:${teamId}:blocked`,
    `${options.prefix}:throttle:${teamId}:tat`,
  ];
  async function book(teamId: string, n: number, t: number): Promise<Reservations> {
    const [blocked, tat] = keys(teamId);
    const [isBlocked, ms] = (await redis.eval(
      RESERVE,
      2,
      blocked as string,
      tat as string,
      t,
      interval,
      n,
    )) as [number, string];
    if (isBlocked === 1) return { blockedMs: Math.max(0, Math.ceil(Number(ms))) };
    return { slots: slotsFrom(t, Number(ms), n, interval, burst) };
  }
  return {
    async reserve(teamId) {
      const t = now();
      const booked = await book(teamId, 1, t);
      if ('blockedMs' in booked) return booked;
      return { waitMs: Math.max(0, (booked.slots[0] ?? t) - t) };
    },
    async reserveMany(teamId, n) {
      if (n < 1) return { slots: [] };
      return book(teamId, n, now());
    },
    async reserveChannel(teamId, channelId) {
      const base = `${options.prefix}:throttle:${teamId}:channel:${channelId}`;
      const t = now();
      const [, from] = (await redis.eval(
        RESERVE,
        2,
        `${base}:blocked`,
        `${base}:tat`,
        t,
        CHANNEL_INTERVAL_MS,
        1,
      )) as [number, string];
      return Math.max(0, (slotsFrom(t, Number(from), 1, CHANNEL_INTERVAL_MS, 1)[0] ?? t) - t);
    },
    async blockedMs(teamId) {
      // While this process holds the gate, the block read when taking it is current: blocks are
      // only set by a gate holder (the 429 answering its post), so no one else can have moved it.
      const seen = held.get(teamId);
      if (seen !== undefined) return Math.max(0, seen - now());
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
        const sent = `${options.prefix}:throttle:${teamId}:sent`;
        const [blocked] = keys(teamId);
        let waitMs: number;
        for (;;) {
          const [wait, blockedUntil] = (await redis.eval(
            ACQUIRE,
            3,
            gate,
            sent,
            blocked as string,
            token,
            GATE_TTL_MS,
            now(),
            interval,
            burst,
          )) as [string, string];
          waitMs = Number(wait);
          if (waitMs >= 0) {
            held.set(teamId, Number(blockedUntil));
            break;
          }
          if (Date.now() >= deadline) return { acquired: false };
          await new Promise((resolve) => setTimeout(resolve, 5));
        }
        try {
          if (waitMs > 0) await new Promise((resolve) => setTimeout(resolve, Math.ceil(waitMs)));
          return { acquired: true, value: await send() };
        } finally {
          held.delete(teamId);
          await redis.eval(RELEASE, 1, gate, token);
        }
      } finally {
        done();
        if (local.get(teamId) === chain) local.delete(teamId);
      }
    },
    async whileBooking(teamId, work, maxWaitMs) {
      const lock = `${options.prefix}:throttle:${teamId}:booking`;
      const token = `${process.pid}-${Math.random().toString(36).slice(2)}`;
      const deadline = Date.now() + maxWaitMs;
      // The TTL only frees a lock whose holder died; a holder slower than that costs a workspace
      // some wasted slots (slower), never a second send.
      while ((await redis.set(lock, token, 'PX', BOOKING_TTL_MS, 'NX')) !== 'OK') {
        if (Date.now() >= deadline) return { ran: false };
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      try {
        return { ran: true, value: await work() };
      } finally {
        await redis.eval(RELEASE, 1, lock, token);
      }
    },
    async blockUntil(teamId, untilMs) {
      const seen = held.get(teamId);
      if (seen !== undefined) held.set(teamId, Math.max(seen, untilMs));
      const [blocked] = keys(teamId);
      await redis.eval(BLOCK, 1, blocked as string, untilMs, now());
    },
  };
}
