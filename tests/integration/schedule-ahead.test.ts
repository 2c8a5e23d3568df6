import { describe, expect, it } from 'vitest';
import type { Deps } from '../../src/deps.ts';
import { REMINDER_KIND } from '../../src/domain/rituals/occurrence.ts';
import { localDateOf } from '../../src/domain/schedules/index.ts';
import { runUnschedule } from '../../src/outbox/unschedule.ts';
import type { FakeSlack } from '../../src/sandbox/slack/fake-slack.ts';
import type { TestDatabase } from '../support/database.ts';
import { engineDeps, engineSuite, engineWorkers } from '../support/engine.ts';
import { seedRitualChannel, setUpContribution, waitUntil } from '../support/rituals.ts';

const TEAM = 'T0AHEAD';
const TOKEN = 'xoxb-ahead';
const CHANNEL = 'C0AHEAD';
/** Far enough for the minimum lead below, near enough for a test to see it shown. */
const LEAD_MS = 9_000;

function aheadDeps(fake: FakeSlack, database: TestDatabase, prefix: string): Deps {
  return engineDeps({
    fake,
    token: TOKEN,
    databaseUrl: database.url,
    prefix,
    env: { OUTBOX_SCHEDULE_AHEAD_HOURS: '6', OUTBOX_SCHEDULE_MIN_LEAD_SECONDS: '5' },
  });
}

const workersFor = (deps: Deps) => engineWorkers(deps);

interface Row {
  id: string;
  status: string;
  skip_reason: string | null;
  scheduled_message_id: string | null;
  unscheduled_at: Date | null;
  channel_id: string | null;
  user_id: string | null;
  attempts: number;
}

async function rows(deps: Deps): Promise<Row[]> {
  return deps.db
    .selectFrom('outbox')
    .select([
      'id',
      'status',
      'skip_reason',
      'scheduled_message_id',
      'unscheduled_at',
      'channel_id',
      'user_id',
      'attempts',
    ])
    .orderBy('user_id')
    .execute();
}

describe('schedule ahead: member reminders handed to Slack before their time', () => {
  const suite = engineSuite(TEAM, TOKEN);
  const open = suite.open;

  /** The contribution ritual with `people` in its channel, and one reminder each due at `dueAt`. */
  async function remindersDue(deps: Deps, people: number, dueAt: Date) {
    const members = seedRitualChannel(suite.fake, TEAM, CHANNEL, people);
    const ritual = await setUpContribution(deps, TEAM, CHANNEL);
    // Known members (as after a fan-out): pause and out-of-office are stored on their rows.
    const profile = {
      realName: '',
      tz: 'UTC',
      isAdmin: false,
      isOwner: false,
      isBot: false,
      isDeleted: false,
    };
    await deps.workspaces.saveMemberProfiles(
      TEAM,
      members.map((userId) => ({ userId, profile: { ...profile, displayName: userId } })),
    );
    const occurrence = await deps.occurrences.upsertOccurrence({
      ritualId: ritual.id,
      teamId: TEAM,
      key: 'ahead-test',
      date: localDateOf(dueAt, 'UTC'),
      kind: 'scheduled',
      fanoutAt: new Date(),
    });
    await deps.outbox.enqueue(
      members.map((userId) => ({
        teamId: TEAM,
        key: `ritual:${occurrence.id}:${userId}`,
        kind: REMINDER_KIND,
        target: { type: 'dm', userId },
        dueAt,
        payload: { ritualId: ritual.id },
        localDate: localDateOf(dueAt, 'UTC'),
        tz: 'UTC',
        occurrenceId: occurrence.id,
      })),
    );
    return members;
  }

  const allScheduled = (deps: Deps, n: number) => async () =>
    (await rows(deps)).filter((r) => r.status === 'scheduled').length === n;

  it('schedules each DM for its second instead of posting it; Slack shows it then, once', async () => {
    const deps = aheadDeps(suite.fake, suite.database, suite.prefix);
    open.push(deps, workersFor(deps));
    const dueAt = new Date(Date.now() + LEAD_MS);
    const members = await remindersDue(deps, 3, dueAt);
    await waitUntil(allScheduled(deps, 3), 15_000, 'three reminders scheduled with Slack');

    const stored = await rows(deps);
    for (const member of members) {
      const held = suite.fake.scheduledMessages(`D${member}`);
      expect(held).toHaveLength(1);
      expect(held[0]?.postAt).toBe(Math.ceil(dueAt.getTime() / 1000));
      expect(held[0]?.hasMetadata).toBe(false);
      expect(stored.find((r) => r.user_id === member)?.scheduled_message_id).toBe(held[0]?.id);
    }
    expect(suite.fake.calls.filter((c) => c.method === 'chat.postMessage')).toEqual([]);

    await waitUntil(
      () => members.every((m) => suite.fake.messages(`D${m}`).length === 1),
      LEAD_MS + 10_000,
      'every member to see the reminder',
    );
    for (const member of members) {
      const [shown] = suite.fake.messages(`D${member}`);
      // Never before its time: Slack (the fake) shows it at post_at.
      expect(shown?.deliveredAt ?? 0).toBeGreaterThanOrEqual(dueAt.getTime());
      expect(shown?.text).toContain('contribut');
    }
    // Shown, still `scheduled`: its snooze button works as on a posted reminder, and the new round
    // is handed to Slack again.
    const first = await deps.outbox.find((await rows(deps))[0]?.id ?? '');
    expect(first?.status).toBe('scheduled');
    expect(
      await deps.outbox.reschedule(first as NonNullable<typeof first>, new Date(Date.now() + 3600_000)),
    ).toBe(true);
    await waitUntil(
      async () => (await deps.outbox.find(first?.id ?? ''))?.status === 'scheduled',
      10_000,
      'the snoozed round scheduled',
    );
    expect(suite.fake.scheduledMessages(`D${first?.userId}`)).toHaveLength(1);
    // A minute past due, the sweep records the shown ones as sent.
    await deps.outboxRepository.recordDelivered(new Date(dueAt.getTime() + 1));
    expect((await rows(deps)).map((r) => r.status)).toEqual(['scheduled', 'sent', 'sent']);
    expect(suite.fake.violations).toEqual([]);
  });

  it('a pause and a ritual pause after scheduling delete the held DMs: never shown, skipped with the reason', async () => {
    const deps = aheadDeps(suite.fake, suite.database, suite.prefix);
    open.push(deps, workersFor(deps));
    const dueAt = new Date(Date.now() + LEAD_MS);
    const [paused, other, third] = await remindersDue(deps, 3, dueAt);
    await waitUntil(allScheduled(deps, 3), 15_000, 'three reminders scheduled with Slack');

    await deps.calendar.setPause(TEAM, paused ?? '', 'forever');
    await deps.outbox.recheckScheduled(TEAM, paused);
    await waitUntil(
      async () => (await rows(deps)).some((r) => r.user_id === paused && r.status === 'skipped'),
      10_000,
      'the paused member’s reminder withdrawn',
    );
    expect(suite.fake.scheduledMessages(`D${paused}`)).toEqual([]);
    // The others are still held: a member's pause is theirs alone.
    expect(suite.fake.scheduledMessages(`D${other}`)).toHaveLength(1);
    expect(suite.fake.scheduledMessages(`D${third}`)).toHaveLength(1);

    await deps.rituals.setPaused(TEAM, 'contribution', true);
    await deps.outbox.recheckScheduled(TEAM);
    await waitUntil(
      async () => (await rows(deps)).every((r) => r.status === 'skipped'),
      10_000,
      'every reminder withdrawn after the ritual pause',
    );
    const after = await rows(deps);
    expect(after.map((r) => [r.user_id, r.skip_reason])).toEqual([
      [paused, 'paused'],
      [other, 'ritual_paused'],
      [third, 'ritual_paused'],
    ]);
    expect(after.every((r) => r.unscheduled_at !== null)).toBe(true);
    expect(suite.fake.scheduledMessages()).toEqual([]);
    expect(suite.fake.calls.filter((c) => c.method === 'chat.deleteScheduledMessage')).toHaveLength(3);
  });

  it('an answer before the due time: the minute sweep deletes the held DM', async () => {
    const deps = aheadDeps(suite.fake, suite.database, suite.prefix);
    open.push(deps, workersFor(deps));
    const dueAt = new Date(Date.now() + LEAD_MS);
    const [answered, waiting] = await remindersDue(deps, 2, dueAt);
    await waitUntil(allScheduled(deps, 2), 15_000, 'two reminders scheduled with Slack');
    const row = (await rows(deps)).find((r) => r.user_id === answered);
    await deps.outbox.markDone(row?.id ?? '');

    await runUnschedule({ ...deps, kinds: deps.outboxKinds }, {});
    expect(suite.fake.scheduledMessages(`D${answered}`)).toEqual([]);
    expect(suite.fake.scheduledMessages(`D${waiting}`)).toHaveLength(1);
    const after = await rows(deps);
    expect(after.find((r) => r.user_id === answered)).toMatchObject({ status: 'done' });
    expect(after.find((r) => r.user_id === answered)?.unscheduled_at).not.toBeNull();
    // A second sweep finds nothing more to delete.
    await runUnschedule({ ...deps, kinds: deps.outboxKinds }, {});
    expect(suite.fake.calls.filter((c) => c.method === 'chat.deleteScheduledMessage')).toHaveLength(1);
  });

  it('a held message Slack will never delete is recorded and does not stop the sweep', async () => {
    const deps = aheadDeps(suite.fake, suite.database, suite.prefix);
    open.push(deps, workersFor(deps));
    const dueAt = new Date(Date.now() + LEAD_MS);
    const [gone, kept] = await remindersDue(deps, 2, dueAt);
    await waitUntil(allScheduled(deps, 2), 15_000, 'two reminders scheduled with Slack');
    const before = await rows(deps);
    for (const row of before) await deps.outbox.markDone(row.id);
    // The first row's channel no longer exists for the app: Slack answers channel_not_found.
    await deps.db
      .updateTable('outbox')
      .set({ channel_id: 'D0NOWHERE' })
      .where('user_id', '=', gone ?? '')
      .execute();

    await runUnschedule({ ...deps, kinds: deps.outboxKinds }, {});
    const after = await rows(deps);
    expect(after.every((r) => r.unscheduled_at !== null)).toBe(true);
    expect(suite.fake.scheduledMessages(`D${kept}`)).toEqual([]);
    // Still held: Slack would not delete it, and the pass went on to the next row.
    expect(suite.fake.scheduledMessages(`D${gone}`)).toHaveLength(1);
  });

  it('an uncertain retry finds the message Slack already holds and schedules nothing again', async () => {
    const deps = aheadDeps(suite.fake, suite.database, suite.prefix);
    open.push(deps, workersFor(deps));
    // Slack takes the message, then the answer is lost.
    suite.fake.injectFailures({ method: 'chat.scheduleMessage', status: 503, times: 1, afterPost: true });
    const dueAt = new Date(Date.now() + 40_000);
    const [member] = await remindersDue(deps, 1, dueAt);
    await waitUntil(allScheduled(deps, 1), 60_000, 'the reminder recorded as scheduled');
    const [row] = await rows(deps);
    const held = suite.fake.scheduledMessages(`D${member}`);
    expect(held).toHaveLength(1);
    expect(row?.scheduled_message_id).toBe(held[0]?.id);
    expect(row?.attempts).toBe(2);
    expect(suite.fake.calls.filter((c) => c.method === 'chat.scheduleMessage')).toHaveLength(1);
    expect(suite.fake.calls.filter((c) => c.method === 'chat.scheduledMessages.list').length).toBeGreaterThan(
      0,
    );
  });

  it('due sooner than the minimum lead: posted at its time, as before', async () => {
    const deps = aheadDeps(suite.fake, suite.database, suite.prefix);
    open.push(deps, workersFor(deps));
    const dueAt = new Date(Date.now() + 2_000);
    const [member] = await remindersDue(deps, 1, dueAt);
    await waitUntil(async () => (await rows(deps))[0]?.status === 'sent', 15_000, 'the reminder posted');
    expect(suite.fake.scheduledMessages()).toEqual([]);
    expect(suite.fake.calls.filter((c) => c.method === 'chat.scheduleMessage')).toEqual([]);
    const [shown] = suite.fake.messages(`D${member}`);
    expect(Number(shown?.ts) * 1000).toBeGreaterThanOrEqual(dueAt.getTime() - 250);
  });
});
