import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Deps } from '../../src/deps.ts';
import { createWorkspaceThrottle } from '../../src/jobs/workspace-throttle.ts';
import type { OutboxMessage } from '../../src/outbox/message.ts';
import { type FakeSlack, startFakeSlack } from '../../src/sandbox/slack/fake-slack.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { engineDeps, engineWorkers } from '../support/engine.ts';
import { deleteRedisPrefix, uniqueQueuePrefix } from '../support/redis.ts';
import { remindersPerMember, seedRitualChannel, setUpContribution, waitUntil } from '../support/rituals.ts';

const TEAM = 'T0PRE';
const TOKEN = 'xoxb-prebooked';
/** 1200/min: a slot every 50 ms, the first BURST of an idle workspace at once. */
const PER_MINUTE = 1200;
const BURST = 4;

/**
 * Arming the deliver timers of rows already due books their workspace slots ahead, in one call,
 * and each job then runs once, at its slot (no park, no second pick-up). Re-arming (reconcile)
 * books nothing more, even when two callers arm the same new rows at the same moment.
 */
describe('deliver timers with pre-booked slots', () => {
  let fake: FakeSlack;
  let database: TestDatabase;
  let deps: Deps;
  const prefix = uniqueQueuePrefix();
  let runs = 0;

  beforeAll(async () => {
    fake = await startFakeSlack();
    fake.addWorkspace({ teamId: TEAM, botToken: TOKEN });
    database = await createTestDatabase();
    deps = engineDeps({
      fake,
      token: TOKEN,
      databaseUrl: database.url,
      prefix,
      env: {
        SLACK_WORKSPACE_MESSAGES_PER_MINUTE: String(PER_MINUTE),
        SLACK_WORKSPACE_MESSAGES_BURST: String(BURST),
      },
    });
  });
  afterAll(async () => {
    await deps.close();
    await database.drop();
    await deleteRedisPrefix(prefix);
    await fake.close();
  });

  /**
   * `count` members and an ad-hoc occurrence whose rows are stored (not armed), in a workspace
   * whose pace starts idle (the fake serves one workspace per token, so it is always TEAM).
   */
  async function rows(count: number, dueAt: (i: number) => Date = () => new Date()) {
    runs += 1;
    await deleteRedisPrefix(`${prefix}:throttle:${TEAM}`);
    const people = seedRitualChannel(fake, TEAM, `C0PRE${runs}`, count);
    const ritual = await setUpContribution(deps, TEAM, `C0PRE${runs}`);
    const occurrence = await deps.occurrences.upsertOccurrence({
      ritualId: ritual.id,
      teamId: TEAM,
      key: `run-pre-${runs}`,
      date: '2026-12-01',
      kind: 'adhoc',
      fanoutAt: new Date(),
    });
    await deps.occurrences.recordFanout(
      occurrence,
      people.map((userId, i) => ({
        userId,
        send: true,
        dueAt: dueAt(i),
        localDate: '2026-12-01',
        tz: 'UTC',
      })),
    );
    const pending = (await deps.outboxRepository.pending()).filter((r) => r.occurrenceId === occurrence.id);
    return { teamId: TEAM, people, occurrence, pending };
  }

  const slotOf = async (row: OutboxMessage): Promise<number | undefined> => {
    const job = await deps.queues.queueFor('delivery').getJob(`deliver__${row.id}__${row.round}`);
    return (job?.data as { slotAt?: number } | undefined)?.slotAt;
  };

  /** The slot the workspace would give next, read without moving time (a probe at `at`). */
  const nextSlot = async (teamId: string, at: number) => {
    const probe = createWorkspaceThrottle(deps.redis, {
      prefix,
      messagesPerMinute: PER_MINUTE,
      burst: BURST,
      now: () => at,
    });
    const next = await probe.reserve(teamId);
    return 'waitMs' in next ? at + next.waitMs : undefined;
  };

  it('due rows get distinct slots — the burst, then one every 50 ms; a row due later books at run time', async () => {
    // Beyond the six-hour schedule-ahead window: its job runs an hour from now, and books then.
    const later = new Date(Date.now() + 7 * 3_600_000);
    const { teamId, pending } = await rows(7, (i) => (i === 6 ? later : new Date()));
    const before = Date.now();
    await deps.timers.deliver(pending);
    const due = pending.filter((r) => r.dueAt.getTime() < later.getTime());
    const slots = await Promise.all(due.map(slotOf));
    const sorted = (slots as number[]).slice().sort((a, b) => a - b);
    const t0 = sorted[0] as number;
    expect(t0).toBeGreaterThanOrEqual(before);
    expect(sorted.map((s) => s - t0)).toEqual([0, 0, 0, 0, 50, 100]);
    const laterRow = pending.find((r) => r.dueAt.getTime() === later.getTime()) as OutboxMessage;
    expect(await slotOf(laterRow)).toBeUndefined();
    // The workspace's next slot follows the last one booked: the batch booked 6, no more.
    expect(await nextSlot(teamId, before)).toBe(t0 + 150);
  });

  it('re-arming the same rows, even twice at once, books nothing more and keeps every slot', async () => {
    const { teamId, pending } = await rows(6);
    const before = Date.now();
    await deps.timers.deliver(pending);
    const slots = await Promise.all(pending.map(slotOf));
    await Promise.all([deps.timers.deliver(pending), deps.timers.deliver(pending)]);
    expect(await Promise.all(pending.map(slotOf))).toEqual(slots);
    const last = Math.max(...(slots as number[]));
    expect(await nextSlot(teamId, before)).toBe(last + 50);
  });

  it('two callers arming the same new rows at once book them once', async () => {
    const { teamId, pending } = await rows(8);
    const before = Date.now();
    await Promise.all([deps.timers.deliver(pending), deps.timers.deliver(pending)]);
    const slots = (await Promise.all(pending.map(slotOf))) as number[];
    expect(new Set(slots).size).toBe(8 - BURST + 1);
    expect(await nextSlot(teamId, before)).toBe(Math.max(...slots) + 50);
  });

  it('each pre-booked job runs once, at its slot: every member gets one DM, no job parked, no 429', async () => {
    fake.setRateLimits({
      perChannelPerSecond: 1,
      channelBurst: 3,
      perWorkspacePerMinute: PER_MINUTE,
      workspaceBurst: BURST + 2,
    });
    // The earlier tests' jobs (other occurrences, the same people) are not part of this one.
    await deps.queues.queueFor('delivery').drain(true);
    const { teamId, people, occurrence, pending } = await rows(30);
    const parkedBefore = await parkedDeliveries();
    await deps.timers.deliver(pending);
    const workers = engineWorkers(deps);
    try {
      await waitUntil(
        async () => (await deps.occurrences.countsByStatus(occurrence.id)).sent === people.length,
        30_000,
        'every reminder sent',
      );
    } finally {
      await workers.close();
      fake.setRateLimits(undefined);
    }
    const perMember = remindersPerMember(fake);
    expect(people.filter((p) => (perMember.get(fake.dmChannelFor(teamId, p)) ?? 0) !== 1)).toEqual([]);
    expect(await parkedDeliveries()).toBe(parkedBefore);
    expect(fake.calls.filter((c) => c.injectedStatus === 429)).toEqual([]);
    expect(fake.earlyRetries()).toEqual([]);
  });

  /** Deliver runs that were parked (delayed) instead of sending, counted by the jobs metric. */
  async function parkedDeliveries(): Promise<number> {
    const values = (await deps.metrics.jobs.get()).values;
    return values
      .filter((v) => v.labels.name === 'deliver' && v.labels.outcome === 'delayed')
      .reduce((sum, v) => sum + v.value, 0);
  }
});
