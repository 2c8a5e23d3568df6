import { describe, expect, it } from 'vitest';
import type { Deps } from '../../src/deps.ts';
import { type Clock, fixedClock, systemClock } from '../../src/domain/clock.ts';
import { reconcileRituals } from '../../src/jobs/handlers/reconcile-rituals.ts';
import type { Workers } from '../../src/jobs/worker.ts';
import type { FakeSlack } from '../../src/sandbox/slack/fake-slack.ts';
import { reminderMessage } from '../../src/slack/features/rituals/blocks/reminders.ts';
import { postOutboxMessage } from '../../src/slack-api/outbox-messages.ts';
import type { TestDatabase } from '../support/database.ts';
import { engineDeps, engineSuite, engineWorkers } from '../support/engine.ts';
import { deleteRedisPrefix } from '../support/redis.ts';
import {
  deliveriesDrained,
  remindersPerMember,
  seedRitualChannel,
  setUpContribution,
  waitUntil,
} from '../support/rituals.ts';

const TEAM = 'T0ENGINE';
const TOKEN = 'xoxb-engine';
const CHANNEL = 'C0ENGINE';

function deliveryDeps(
  fake: FakeSlack,
  database: TestDatabase,
  prefix: string,
  clock: Clock = systemClock,
  messagesPerMinute = '60000',
) {
  return engineDeps({
    fake,
    token: TOKEN,
    databaseUrl: database.url,
    prefix,
    clock,
    env: { SLACK_WORKSPACE_MESSAGES_PER_MINUTE: messagesPerMinute },
  });
}

/** A reminder Slack accepted, as the sender posts it (a worker died before recording it). */
async function postAsIfSent(deps: Deps, channel: string, rowId: string): Promise<void> {
  const prompt = { text: 'What did you contribute this month?', doNow: 'Log a contribution' };
  await postOutboxMessage(deps.clients.forToken(TOKEN), { channel }, reminderMessage(prompt, rowId, 1), {
    outboxId: rowId,
    round: 1,
  });
}

const workersFor = (deps: Deps): Workers => engineWorkers(deps);

/** An occurrence of the team's ritual, due now (ad-hoc) or on a date (scheduled). */
function occurrenceOf(deps: Deps, ritualId: string, key: string, kind: 'adhoc' | 'scheduled' = 'adhoc') {
  return deps.occurrences.upsertOccurrence({
    ritualId,
    teamId: TEAM,
    key,
    date: kind === 'adhoc' ? '2026-11-27' : key,
    kind,
    fanoutAt: new Date(),
  });
}

/** Members already known (profile stored), so only the reminder calls reach the fake Slack. */
async function knownMembers(deps: Deps, userIds: readonly string[]): Promise<void> {
  const profile = { realName: '', tz: 'UTC', isAdmin: false, isOwner: false, isBot: false, isDeleted: false };
  await deps.workspaces.saveMemberProfiles(
    TEAM,
    userIds.map((userId) => ({ userId, profile: { ...profile, displayName: userId } })),
  );
}

/** The contribution ritual set up (its schedule last set) at `since`, with `people` in its channel. */
async function ritualSetUpAt(fake: FakeSlack, deps: Deps, people: number, since: string) {
  seedRitualChannel(fake, TEAM, CHANNEL, people);
  const ritual = await setUpContribution(deps, TEAM, CHANNEL);
  await deps.db
    .updateTable('rituals')
    .set({ updated_at: new Date(since) })
    .execute();
  return ritual;
}

async function sentCount(deps: Deps): Promise<number> {
  const row = await deps.db
    .selectFrom('outbox')
    .select(deps.db.fn.countAll<string>().as('n'))
    .where('status', '=', 'sent')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

describe('delivery engine on real Redis + Postgres', () => {
  const suite = engineSuite(TEAM, TOKEN);
  const open = suite.open;

  it('reconcile is idempotent: three runs, one occurrence row and one timer per occurrence', async () => {
    // Friday 2026-11-27 12:00 UTC: the next first work day (Tue 2026-12-01) is inside 7 days.
    const deps = deliveryDeps(
      suite.fake,
      suite.database,
      suite.prefix,
      fixedClock(new Date('2026-11-27T12:00:00Z')),
    );
    open.push(deps);
    await ritualSetUpAt(suite.fake, deps, 3, '2026-11-01T00:00:00Z');
    for (let i = 0; i < 3; i++) await reconcileRituals(deps, 7);
    const occurrences = await deps.db.selectFrom('ritual_occurrences').selectAll().execute();
    expect(occurrences.map((o) => o.occurrence_date)).toEqual(['2026-12-01']);
    const delayed = await deps.queues.queueFor('delivery').getJobs(['delayed', 'waiting']);
    expect(delayed.map((j) => j.id)).toEqual([`fanout__${occurrences[0]?.id}`]);
  });

  it('does not back-fill an occurrence whose time passed before the ritual was set up', async () => {
    const deps = deliveryDeps(
      suite.fake,
      suite.database,
      suite.prefix,
      fixedClock(new Date('2026-12-01T20:00:00Z')),
    );
    open.push(deps);
    await ritualSetUpAt(suite.fake, deps, 1, '2026-12-01T19:00:00Z');
    await reconcileRituals(deps, 3);
    // Today's 10:00 (team zone UTC) is gone; the next first work day is a month away.
    expect(await deps.db.selectFrom('ritual_occurrences').selectAll().execute()).toEqual([]);
  });

  it('set up the same morning, today’s occurrence still runs', async () => {
    const deps = deliveryDeps(
      suite.fake,
      suite.database,
      suite.prefix,
      fixedClock(new Date('2026-12-01T08:00:00Z')),
    );
    open.push(deps);
    await ritualSetUpAt(suite.fake, deps, 1, '2026-12-01T07:59:00Z');
    await reconcileRituals(deps, 3);
    const occurrences = await deps.db.selectFrom('ritual_occurrences').select('occurrence_date').execute();
    expect(occurrences).toEqual([{ occurrence_date: '2026-12-01' }]);
  });

  it('fans an ad-hoc run out to the channel’s humans once each, and a Redis flush resends nothing', async () => {
    const deps = deliveryDeps(suite.fake, suite.database, suite.prefix);
    open.push(deps);
    const people = seedRitualChannel(suite.fake, TEAM, CHANNEL, 40);
    await setUpContribution(deps, TEAM, CHANNEL);
    const workers = workersFor(deps);
    open.push(workers);
    const ritual = await deps.rituals.find(TEAM, 'contribution');
    const occurrence = await occurrenceOf(deps, ritual.id, 'run-test');
    await deps.timers.fanout(occurrence);
    await waitUntil(async () => (await sentCount(deps)) === 40, 30_000, '40 sent deliveries');
    const perMember = remindersPerMember(suite.fake);
    expect([...perMember.keys()].sort()).toEqual(people.map((p) => `D${p}`).sort());
    expect([...perMember.values()].every((n) => n === 1)).toBe(true);

    await deleteRedisPrefix(suite.prefix);
    await reconcileRituals(deps, 3);
    await deps.timers.fanout(occurrence);
    // The re-added fan-out has run to its end (and found nothing left to send).
    await waitUntil(
      async () =>
        (await deps.queues.queueFor('delivery').getJob(`fanout__${occurrence.id}`))?.finishedOn !== undefined,
      15_000,
      'the re-added fan-out to finish',
    );
    await waitUntil(
      () => deliveriesDrained(deps.queues.queueFor('delivery')),
      15_000,
      'the delivery queue to drain',
    );
    expect([...remindersPerMember(suite.fake).values()].reduce((a, b) => a + b, 0)).toBe(40);
    expect(suite.fake.violations).toEqual([]);
  });

  it('after Redis loses its data, reconcile re-creates the timer of every pending delivery', async () => {
    const deps = deliveryDeps(suite.fake, suite.database, suite.prefix);
    open.push(deps);
    seedRitualChannel(suite.fake, TEAM, CHANNEL, 5);
    const ritual = await setUpContribution(deps, TEAM, CHANNEL);
    const occurrence = await occurrenceOf(deps, ritual.id, '2026-12-01', 'scheduled');
    const future = new Date(Date.now() + 3600_000);
    await deps.occurrences.recordFanout(
      occurrence,
      ['U1', 'U2'].map((userId) => ({
        userId,
        send: true as const,
        dueAt: future,
        localDate: '2026-12-01',
        tz: 'UTC',
      })),
    );
    await deleteRedisPrefix(suite.prefix);
    await reconcileRituals(deps, 3);
    // Due within the schedule-ahead window: armed to run now (waiting), to be scheduled with Slack.
    const jobs = await deps.queues.queueFor('delivery').getJobs(['delayed', 'waiting']);
    expect(jobs.map((j) => j.id).sort()).toEqual(
      (await deps.outboxRepository.pending()).map((d) => `deliver__${d.id}__1`).sort(),
    );
    expect(jobs).toHaveLength(2);
  });

  it('a member who paused or went out of office after the fan-out is skipped at send time', async () => {
    const deps = deliveryDeps(suite.fake, suite.database, suite.prefix);
    open.push(deps);
    const [paused, away, present] = seedRitualChannel(suite.fake, TEAM, CHANNEL, 3) as [
      string,
      string,
      string,
    ];
    const ritual = await setUpContribution(deps, TEAM, CHANNEL);
    await knownMembers(deps, [paused, away, present]);
    const occurrence = await occurrenceOf(deps, ritual.id, '2026-12-01', 'scheduled');
    await deps.occurrences.recordFanout(
      occurrence,
      [paused, away, present].map((userId) => ({
        userId,
        send: true as const,
        dueAt: new Date(),
        localDate: '2026-12-01',
        tz: 'UTC',
      })),
    );
    await deps.calendar.setPause(TEAM, paused, 'forever');
    await deps.calendar.addOutOfOffice(TEAM, away, '2026-11-30', '2026-12-02');
    open.push(workersFor(deps));
    await deps.timers.deliver(await deps.outboxRepository.pending());
    await waitUntil(
      async () => (await deps.outboxRepository.pending()).length === 0,
      15_000,
      'all three handled',
    );
    const rows = await deps.db
      .selectFrom('outbox')
      .select(['user_id', 'status', 'skip_reason'])
      .orderBy('user_id')
      .execute();
    expect(rows).toEqual([
      { user_id: paused, status: 'skipped', skip_reason: 'paused' },
      { user_id: away, status: 'skipped', skip_reason: 'out_of_office' },
      { user_id: present, status: 'sent', skip_reason: null },
    ]);
    expect([...remindersPerMember(suite.fake).keys()]).toEqual([`D${present}`]);
  });

  it('two worker replicas on one queue deliver each member once', async () => {
    const a = deliveryDeps(suite.fake, suite.database, suite.prefix);
    const b = deliveryDeps(suite.fake, suite.database, suite.prefix);
    open.push(a, b);
    seedRitualChannel(suite.fake, TEAM, CHANNEL, 60);
    const ritual = await setUpContribution(a, TEAM, CHANNEL);
    open.push(workersFor(a), workersFor(b));
    const occurrence = await occurrenceOf(a, ritual.id, 'run-two');
    // Both replicas try to schedule the same fan-out: deterministic ids make it one job.
    await Promise.all([a.timers.fanout(occurrence), b.timers.fanout(occurrence)]);
    await waitUntil(async () => (await sentCount(a)) === 60, 30_000, '60 sent deliveries');
    await waitUntil(
      () => deliveriesDrained(a.queues.queueFor('delivery')),
      30_000,
      'the delivery queue to drain',
    );
    const counts = [...remindersPerMember(suite.fake).values()];
    expect(counts).toHaveLength(60);
    expect(counts.every((n) => n === 1)).toBe(true);
  });

  it('an uncertain retry finds the DM by its metadata and does not post again', async () => {
    const deps = deliveryDeps(suite.fake, suite.database, suite.prefix);
    open.push(deps);
    const [person] = seedRitualChannel(suite.fake, TEAM, CHANNEL, 1);
    const ritual = await setUpContribution(deps, TEAM, CHANNEL);
    const occurrence = await occurrenceOf(deps, ritual.id, 'run-crash');
    await deps.occurrences.recordFanout(occurrence, [
      { userId: person as string, send: true, dueAt: new Date(), localDate: '2026-11-27', tz: 'UTC' },
    ]);
    const [delivery] = await deps.outboxRepository.pending();
    if (!delivery) throw new Error('no delivery');
    // A worker claimed it and Slack accepted the post, then the worker died before recording it.
    await deps.outboxRepository.claim(delivery.id, 1, new Date(Date.now() - 120_000));
    await postAsIfSent(deps, `D${person}`, delivery.id);

    const workers = workersFor(deps);
    open.push(workers);
    await deps.timers.deliver([delivery]);
    await waitUntil(
      async () => (await deps.outboxRepository.find(delivery.id))?.status === 'sent',
      15_000,
      'delivery recorded as sent',
    );
    expect(remindersPerMember(suite.fake).get(`D${person}`)).toBe(1);
    expect(suite.fake.callsTo('conversations.history').length).toBeGreaterThan(0);
  });

  it('a 429 on the DM look-up of an uncertain retry keeps it uncertain: still one DM', async () => {
    const deps = deliveryDeps(suite.fake, suite.database, suite.prefix);
    open.push(deps);
    const [person] = seedRitualChannel(suite.fake, TEAM, CHANNEL, 1) as [string];
    const ritual = await setUpContribution(deps, TEAM, CHANNEL);
    const occurrence = await occurrenceOf(deps, ritual.id, 'run-crash-429');
    await deps.occurrences.recordFanout(occurrence, [
      { userId: person, send: true, dueAt: new Date(), localDate: '2026-11-27', tz: 'UTC' },
    ]);
    const [delivery] = await deps.outboxRepository.pending();
    if (!delivery) throw new Error('no delivery');
    await deps.outboxRepository.claim(delivery.id, 1, new Date(Date.now() - 120_000));
    await postAsIfSent(deps, `D${person}`, delivery.id);
    suite.fake.injectFailures({
      method: 'conversations.history',
      status: 429,
      retryAfterSeconds: 1,
      times: 1,
    });
    open.push(workersFor(deps));
    await deps.timers.deliver([delivery]);
    await waitUntil(
      async () => (await deps.outboxRepository.find(delivery.id))?.status === 'sent',
      15_000,
      'sent',
    );
    expect(remindersPerMember(suite.fake).get(`D${person}`)).toBe(1);
    expect(suite.fake.earlyRetries()).toEqual([]);
  });

  it('a 429 while reading the channel waits its Retry-After, then fans out', async () => {
    const deps = deliveryDeps(suite.fake, suite.database, suite.prefix);
    open.push(deps);
    seedRitualChannel(suite.fake, TEAM, CHANNEL, 5);
    const ritual = await setUpContribution(deps, TEAM, CHANNEL);
    suite.fake.injectFailures({
      method: 'conversations.members',
      status: 429,
      retryAfterSeconds: 1,
      times: 1,
    });
    open.push(workersFor(deps));
    await deps.timers.fanout(await occurrenceOf(deps, ritual.id, 'run-members-429'));
    await waitUntil(async () => (await sentCount(deps)) === 5, 15_000, '5 sent');
    expect(suite.fake.earlyRetries()).toEqual([]);
  });

  it('skips a delivery found more than 12 hours late, and uninstall cancels what is pending', async () => {
    const deps = deliveryDeps(suite.fake, suite.database, suite.prefix);
    open.push(deps);
    const [late, pending] = seedRitualChannel(suite.fake, TEAM, CHANNEL, 2) as [string, string];
    const ritual = await setUpContribution(deps, TEAM, CHANNEL);
    await knownMembers(deps, [late, pending]);
    const occurrence = await occurrenceOf(deps, ritual.id, '2026-12-01', 'scheduled');
    await deps.occurrences.recordFanout(occurrence, [
      {
        userId: late,
        send: true,
        dueAt: new Date(Date.now() - 13 * 3600_000),
        localDate: '2026-12-01',
        tz: 'UTC',
      },
      {
        userId: pending,
        send: true,
        dueAt: new Date(Date.now() + 3600_000),
        localDate: '2026-12-01',
        tz: 'UTC',
      },
    ]);
    const next = await occurrenceOf(deps, ritual.id, '2027-01-01', 'scheduled');
    open.push(workersFor(deps));
    await deps.timers.deliver(await deps.outboxRepository.pending());
    // The late one is skipped; the one due in an hour is handed to Slack (schedule ahead).
    await waitUntil(
      async () =>
        (await deps.outboxRepository.pending()).length === 0 &&
        (
          await deps.db
            .selectFrom('outbox')
            .select('status')
            .where('user_id', '=', pending)
            .executeTakeFirst()
        )?.status === 'scheduled',
      15_000,
      'late one skipped, the other scheduled',
    );
    expect(remindersPerMember(suite.fake).size).toBe(0);
    expect(suite.fake.scheduledMessages(`D${pending}`)).toHaveLength(1);

    await deps.occurrences.cancelPendingForTeam(TEAM);
    const rows = await deps.db
      .selectFrom('outbox')
      .select(['user_id', 'status', 'skip_reason'])
      .orderBy('user_id')
      .execute();
    expect(rows).toEqual([
      { user_id: late, status: 'skipped', skip_reason: 'missed' },
      { user_id: pending, status: 'skipped', skip_reason: 'uninstalled' },
    ]);
    expect((await deps.occurrences.findOccurrence(next.id))?.status).toBe('cancelled');
    // In OAuth mode a workspace without an installation is not planned any more.
    expect(await deps.rituals.listSchedulable({ installedOnly: true })).toEqual([]);
    expect((await deps.rituals.listSchedulable()).map((r) => r.teamId)).toEqual([TEAM]);
  });

  it('a 429 storm and 5xx errors: everyone delivered once, no call before its Retry-After', async () => {
    // A fast pace with 20 jobs at once: only the workspace's send gate keeps calls from starting
    // while a 429 is being answered.
    const deps = deliveryDeps(suite.fake, suite.database, suite.prefix, systemClock, '60000');
    open.push(deps);
    const people = seedRitualChannel(suite.fake, TEAM, CHANNEL, 30);
    const ritual = await setUpContribution(deps, TEAM, CHANNEL);
    // Profiles are known already, so the storm hits the reminder calls themselves.
    await knownMembers(deps, people);
    suite.fake.injectFailures({
      method: 'chat.postMessage',
      status: 429,
      retryAfterSeconds: 2,
      probability: 0.3,
    });
    suite.fake.injectFailures({ method: 'chat.postMessage', status: 503, probability: 0.05 });
    const workers = workersFor(deps);
    open.push(workers);
    const occurrence = await occurrenceOf(deps, ritual.id, 'run-storm');
    await deps.timers.fanout(occurrence);
    // Retries of 5xx use BullMQ's exponential backoff; give them room.
    await waitUntil(
      async () => (await sentCount(deps)) === 30,
      120_000,
      'all 30 delivered through the storm',
    );
    const counts = remindersPerMember(suite.fake);
    expect(counts.size).toBe(30);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    expect(suite.fake.calls.filter((c) => c.injectedStatus === 429).length).toBeGreaterThan(0);
    expect(suite.fake.earlyRetries()).toEqual([]);
  }, 150_000);
});
