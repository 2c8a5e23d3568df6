import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { buildDeps } from '../../src/deps.ts';
import { fixedClock } from '../../src/domain/clock.ts';
import { reconcileRituals } from '../../src/jobs/handlers/reconcile-rituals.ts';
import { createLogger } from '../../src/ops/logger.ts';
import { type FakeSlack, startFakeSlack } from '../../src/sandbox/slack/fake-slack.ts';
import { assembleFeatures } from '../../src/slack/assemble.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { deleteRedisPrefix, TEST_REDIS_URL, uniqueQueuePrefix } from '../support/redis.ts';

const TEAM = 'T0SCHED';

/**
 * The team rituals on schedule, through the engine's reconcile: the learning hour's week and the
 * design review's session are planned with their steps at the right instants (Berlin team,
 * members anywhere), the design review far enough ahead for its presenter notice, and each step's
 * timer armed once it is due within the horizon. Planning twice stores nothing twice.
 */
describe('team rituals on schedule', () => {
  let fake: FakeSlack;
  let database: TestDatabase;
  let prefix: string;
  const clock = fixedClock(new Date('2026-12-01T08:00:00Z'));
  let deps: ReturnType<typeof buildDeps>;

  beforeAll(async () => {
    fake = await startFakeSlack();
    fake.addWorkspace({ teamId: TEAM, botToken: 'xoxb-sched' });
  });
  afterAll(async () => {
    await fake.close();
  });
  beforeEach(async () => {
    database = await createTestDatabase();
    prefix = uniqueQueuePrefix();
    const config = loadConfig(
      {
        SLACK_BOT_TOKEN: 'xoxb-sched',
        SLACK_API_URL: fake.url,
        DATABASE_URL: database.url,
        REDIS_URL: TEST_REDIS_URL,
        QUEUE_PREFIX: prefix,
      },
      'worker',
    );
    deps = buildDeps(config, createLogger('silent'), clock);
    assembleFeatures(deps);
  });
  afterEach(async () => {
    await deps.close();
    await database.drop();
    await deleteRedisPrefix(prefix);
  });

  it('plans the week’s digest and reminders, and the session’s presenter notice and end', async () => {
    await deps.workspaces.upsertWorkspace(TEAM);
    await deps.calendar.saveTeamCalendar(TEAM, {
      workWeek: [1, 2, 3, 4, 5],
      timeZone: 'Europe/Berlin',
      holidays: [],
    });
    for (const name of ['learning-hour', 'design-review']) {
      const ritual = await deps.rituals.find(TEAM, name);
      await deps.rituals.saveSetup(TEAM, name, {
        channelId: 'C0SCHED',
        cadence: ritual.cadence,
        localTime: ritual.localTime,
        timeZone: null,
      });
    }
    await deps.db
      .updateTable('rituals')
      .set({ updated_at: new Date('2026-11-01T00:00:00Z') })
      .execute();

    await reconcileRituals(deps, 3);
    await reconcileRituals(deps, 3);

    const planned = await deps.db
      .selectFrom('ritual_occurrence_steps as s')
      .innerJoin('ritual_occurrences as o', 'o.id', 's.occurrence_id')
      .innerJoin('rituals as r', 'r.id', 'o.ritual_id')
      .select(['r.name', 'o.occurrence_date', 's.step', 's.due_at', 's.id'])
      .orderBy('s.due_at')
      .execute();
    expect(planned.map((p) => [p.name, p.occurrence_date, p.step, p.due_at.toISOString()])).toEqual([
      // Three work days before Wednesday 9 December, at 14:00 Berlin.
      ['design-review', '2026-12-09', 'presenter', '2026-12-04T13:00:00.000Z'],
      // Thursday's thread: reminders as the first zone on Earth reaches 16:00 on Tuesday the 8th…
      ['learning-hour', '2026-12-03', 'reminders', '2026-12-08T02:00:00.000Z'],
      // …the session ends an hour after 14:00 Berlin…
      ['design-review', '2026-12-09', 'complete', '2026-12-09T14:00:00.000Z'],
      // …and the digest the day before the next thread, 16:00 Berlin.
      ['learning-hour', '2026-12-03', 'digest', '2026-12-09T15:00:00.000Z'],
    ]);

    // Nothing is due within three days yet: no step timer. Three days later the notice is.
    const timers = async () =>
      (await deps.queues.queueFor('delivery').getJobs(['delayed', 'waiting']))
        .map((j) => j.id ?? '')
        .filter((id) => id.startsWith('step__'));
    expect(await timers()).toEqual([]);
    clock.set(new Date('2026-12-02T08:00:00Z'));
    await reconcileRituals(deps, 3);
    const notice = planned.find((p) => p.step === 'presenter');
    expect(await timers()).toEqual([`step__${notice?.id}`]);
    const steps = await deps.db.selectFrom('ritual_occurrence_steps').select('id').execute();
    expect(steps).toHaveLength(4);
  });
});
