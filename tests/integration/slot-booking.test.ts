import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RetryLaterError } from '../../src/jobs/errors.ts';
import { createWorkspaceThrottle } from '../../src/jobs/workspace-throttle.ts';
import { bookSlot } from '../../src/outbox/pace.ts';
import { deleteRedisPrefix, TEST_REDIS_URL, uniqueQueuePrefix } from '../support/redis.ts';

/**
 * The workspace pace on a real Redis: a fan-out books its N slots in one call, and a job holding
 * a booked slot gives it up when a 429 block or staleness makes it wrong. Clocks are injected
 * where slots are compared, so nothing here depends on how fast the machine is.
 */
describe('batched slot booking', () => {
  let redis: Redis;
  const prefix = uniqueQueuePrefix();
  const T = 1_800_000_000_000;

  beforeAll(() => {
    redis = new Redis(TEST_REDIS_URL);
  });
  afterAll(async () => {
    await deleteRedisPrefix(prefix);
    redis.disconnect();
  });

  // 1200/min = one slot every 50 ms.
  const throttle = (burst: number, now = () => T) =>
    createWorkspaceThrottle(redis, { prefix, messagesPerMinute: 1200, burst, now });

  it('books N distinct slots in one call: the burst at once, then one per interval, continuing after', async () => {
    const pace = throttle(3);
    const first = await pace.reserveMany('T0MANY', 6);
    expect(first).toEqual({ slots: [T, T, T, T + 50, T + 100, T + 150] });
    // The next booking, single or batched, carries on from where the batch ended.
    expect(await pace.reserve('T0MANY')).toEqual({ waitMs: 200 });
    expect(await pace.reserveMany('T0MANY', 2)).toEqual({ slots: [T + 250, T + 300] });
    // Another workspace has its own budget.
    expect(await pace.reserveMany('T0OTHER', 2)).toEqual({ slots: [T, T] });
  });

  it('without a burst every slot is one interval after the last', async () => {
    const booked = await throttle(1).reserveMany('T0EVEN', 4);
    expect(booked).toEqual({ slots: [T, T + 50, T + 100, T + 150] });
  });

  it('books nothing while a 429 blocks the workspace, and starts afresh once the block is over', async () => {
    const pace = throttle(1);
    await pace.blockUntil('T0BLOCKED', T + 2000);
    expect(await pace.reserveMany('T0BLOCKED', 5)).toEqual({ blockedMs: 2000 });
    const after = throttle(1, () => T + 2000);
    expect(await after.reserveMany('T0BLOCKED', 2)).toEqual({ slots: [T + 2000, T + 2050] });
  });

  it('a job holding a pre-booked slot inside a 429 block gives it up and re-books after the block', async () => {
    const pace = createWorkspaceThrottle(redis, { prefix, messagesPerMinute: 1200 });
    const now = Date.now();
    const [slot] = ((await pace.reserveMany('T0HELD', 1)) as { slots: number[] }).slots;
    await pace.blockUntil('T0HELD', now + 60_000);
    const parked = await bookSlot(pace, 'T0HELD', slot).catch((e: unknown) => e);
    expect(parked).toBeInstanceOf(RetryLaterError);
    const retry = parked as RetryLaterError;
    // Until the block ends (give or take the milliseconds between the two clock reads: the job
    // that wakes a moment early finds the block still on and parks again).
    expect(retry.untilMs).toBeGreaterThanOrEqual(now + 60_000 - 100);
    // The slot is dropped from the payload: the job books a new one when it wakes.
    expect(retry.payloadPatch).toEqual({ slotAt: undefined });
  });

  it('a pre-booked slot after the block ends is kept', async () => {
    const pace = createWorkspaceThrottle(redis, { prefix, messagesPerMinute: 1200 });
    const now = Date.now();
    await pace.blockUntil('T0AFTER', now + 100);
    const slot = now + 250;
    expect(await bookSlot(pace, 'T0AFTER', slot)).toBe(slot);
  });

  it('a fresh pre-booked slot is used as is and books nothing more', async () => {
    const pace = createWorkspaceThrottle(redis, { prefix, messagesPerMinute: 60, burst: 1 });
    const slot = Date.now() + 100;
    expect(await bookSlot(pace, 'T0FRESH', slot)).toBe(slot);
    // Nothing was booked: the workspace's next slot is still "now".
    expect(await pace.reserve('T0FRESH')).toEqual({ waitMs: 0 });
  });

  it('a stale pre-booked slot (the job woke much later) is booked again', async () => {
    // One message a minute: the first booking is now, the re-booking a minute after it.
    const pace = createWorkspaceThrottle(redis, { prefix, messagesPerMinute: 1, burst: 1 });
    await pace.reserve('T0STALE');
    const stale = Date.now() - 31_000;
    const parked = await bookSlot(pace, 'T0STALE', stale).catch((e: unknown) => e);
    // It did not go at its stale slot: it got a new one, a minute out, and parks until then.
    expect(parked).toBeInstanceOf(RetryLaterError);
    const newSlot = (parked as RetryLaterError).payloadPatch?.slotAt;
    expect(newSlot).toBeGreaterThan(Date.now() + 50_000);
  });
});
