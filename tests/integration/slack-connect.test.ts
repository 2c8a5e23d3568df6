import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildJobHandlers } from '../../src/jobs/handlers/index.ts';
import { startWorkers } from '../../src/jobs/worker.ts';
import { type FakeSlack, startFakeSlack } from '../../src/sandbox/slack/fake-slack.ts';
import { startTestApp, type TestApp } from '../support/app-harness.ts';
import { remindersPerMember, seedRitualChannel, setUpContribution, waitUntil } from '../support/rituals.ts';

const TEAM = 'T0TEAM1';
const OTHER = 'T0GUEST';
const CHANNEL = 'C0SHARED';

describe('a ritual channel shared with another organisation (Slack Connect)', () => {
  let fake: FakeSlack;
  let app: TestApp;

  beforeAll(async () => {
    fake = await startFakeSlack();
    fake.addWorkspace({ teamId: TEAM, botToken: 'xoxb-test-team1-token' });
    fake.addWorkspace({ teamId: OTHER, botToken: 'xoxb-guest-team' });
    app = await startTestApp({ fake, env: { ROLE: 'web' } });
  });
  afterAll(async () => {
    await app?.cleanup();
    await fake?.close();
  });

  it('reminds only the host team’s people, and never stores the guests as members', async () => {
    const deps = app.running.deps;
    const people = seedRitualChannel(fake, TEAM, CHANNEL, 4);
    fake.addUser({ teamId: OTHER, userId: 'U0GUEST1', name: 'guest1' });
    fake.addUser({ teamId: OTHER, userId: 'U0GUEST2', name: 'guest2' });
    fake.addChannel({ teamId: TEAM, channelId: CHANNEL, members: [...people, 'U0GUEST1', 'U0GUEST2'] });
    const ritual = await setUpContribution(deps, TEAM, CHANNEL);
    const workers = startWorkers({
      connection: deps.redis,
      prefix: deps.config.queuePrefix,
      handlers: buildJobHandlers(deps, new Map()),
      jobRuns: deps.jobRuns,
      metrics: deps.metrics,
      logger: deps.logger,
      concurrency: 5,
    });
    try {
      const occurrence = await deps.occurrences.upsertOccurrence({
        ritualId: ritual.id,
        teamId: TEAM,
        key: 'run-connect',
        date: '2026-11-27',
        kind: 'adhoc',
        fanoutAt: new Date(),
      });
      await deps.timers.fanout(occurrence);
      await waitUntil(
        async () => (await deps.occurrences.countsByStatus(occurrence.id)).sent === people.length,
        30_000,
        'every own member’s reminder sent',
      );
      const deliveries = await deps.db
        .selectFrom('outbox')
        .select('user_id as userId')
        .where('occurrence_id', '=', occurrence.id)
        .execute();
      expect(deliveries.map((d) => d.userId).sort()).toEqual([...people].sort());
      expect([...remindersPerMember(fake).keys()].sort()).toEqual(people.map((p) => `D${p}`).sort());
      expect(await deps.workspaces.findMembers(TEAM, ['U0GUEST1', 'U0GUEST2'])).toEqual([]);
    } finally {
      await workers.close();
    }
  });

  it('a guest using /careerplan is told to use their own workspace, and nothing is stored', async () => {
    const reply = await app.slack.slashCommand({ teamId: TEAM, userId: 'U0GUEST1', text: 'okr' });
    expect(JSON.stringify(reply.json())).toContain('Use careerplan from your own workspace');
    expect(await app.running.deps.workspaces.findMember(TEAM, 'U0GUEST1')).toBeUndefined();
  });
});
