import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { validateView } from '../../src/sandbox/slack/block-kit-limits.ts';
import { type FakeSlack, startFakeSlack } from '../../src/sandbox/slack/fake-slack.ts';
import { seedWorkspace, startTestApp, TEAM, type TestApp } from '../support/app-harness.ts';
import { listenerRuns, waitForListenerRuns } from '../support/signals.ts';

describe('foundation over HTTP (single workspace)', () => {
  let fake: FakeSlack;
  let app: TestApp;

  beforeAll(async () => {
    fake = await startFakeSlack();
    seedWorkspace(fake);
    app = await startTestApp({ fake });
  });
  afterAll(async () => {
    await app?.cleanup();
    await fake?.close();
  });
  beforeEach(() => fake.reset());

  it('rejects a bad signature with 401 and makes no Web API call', async () => {
    const res = await app.slack.slashCommand(
      { teamId: TEAM, userId: 'U0ALICE', text: 'help' },
      { badSignature: true },
    );
    expect(res.status).toBe(401);
    // A request the app did process, after it: by its answer, the refused one is long done.
    const ok = await app.slack.slashCommand({ teamId: TEAM, userId: 'U0ALICE', text: 'help' });
    expect(ok.status).toBe(200);
    expect(fake.calls).toEqual([]);
  });

  it('rejects a request signed 6 minutes ago with 401', async () => {
    const sixMinutesAgo = Math.floor(Date.now() / 1000) - 6 * 60;
    const res = await app.slack.slashCommand(
      { teamId: TEAM, userId: 'U0ALICE', text: 'help' },
      { timestampSeconds: sixMinutesAgo },
    );
    expect(res.status).toBe(401);
    expect(fake.calls).toEqual([]);
  });

  it.each(['', 'help'])('/careerplan %j answers with the ephemeral help', async (text) => {
    const res = await app.slack.slashCommand({ teamId: TEAM, userId: 'U0ALICE', text });
    expect(res.status).toBe(200);
    const body = res.json() as { response_type: string; blocks: unknown[] };
    expect(body.response_type).toBe('ephemeral');
    expect(JSON.stringify(body.blocks)).toContain('/careerplan okr progress 2 60');
    expect(JSON.stringify(body.blocks)).toContain('delete-my-data');
  });

  it('/careerplan nonsense gets a specific error pointing to help', async () => {
    const res = await app.slack.slashCommand({ teamId: TEAM, userId: 'U0ALICE', text: 'nonsense' });
    const body = res.json() as { response_type: string; text: string };
    expect(body.response_type).toBe('ephemeral');
    expect(body.text).toContain('`nonsense` is not a careerplan command');
    expect(body.text).toContain('/careerplan help');
  });

  it('app_home_opened publishes a Home view within Slack limits, with the name and zone from users.info', async () => {
    const res = await app.slack.event({
      teamId: TEAM,
      event: { type: 'app_home_opened', user: 'U0ALICE', channel: 'D0ALICE', tab: 'home' },
    });
    expect(res.status).toBe(200);
    await fake.waitFor(() => fake.callsTo('views.publish').length === 1);
    const publish = fake.callsTo('views.publish')[0];
    expect(publish?.params.user_id).toBe('U0ALICE');
    expect(validateView(publish?.params.view)).toEqual([]);
    const text = JSON.stringify(publish?.params.view);
    expect(text).toContain('alice');
    expect(text).toContain('America/New_York');
    expect(fake.callsTo('users.info')).toHaveLength(1);
    expect(fake.violations).toEqual([]);
  });

  it('processes a retried event once', async () => {
    const event = { type: 'app_home_opened', user: 'U0BOB', channel: 'D0BOB', tab: 'home' };
    const metrics = app.running.deps.metrics;
    const before = await listenerRuns(metrics, 'event', 'app_home_opened');
    await app.slack.event({ teamId: TEAM, event, eventId: 'Ev0RETRY1' });
    await fake.waitFor(() => fake.callsTo('views.publish').length === 1);
    await app.slack.event({ teamId: TEAM, event, eventId: 'Ev0RETRY1' }, { retryNum: 1 });
    // The retry has gone through the whole listener chain (and stopped at the dedupe).
    await waitForListenerRuns(metrics, 'event', 'app_home_opened', before + 2);
    expect(fake.callsTo('views.publish')).toHaveLength(1);
  });

  it('serves /healthz, /readyz and Prometheus /metrics', async () => {
    expect((await fetch(`${app.baseUrl}/healthz`)).status).toBe(200);
    const ready = await fetch(`${app.baseUrl}/readyz`);
    expect(ready.status).toBe(200);
    await app.slack.slashCommand({ teamId: TEAM, userId: 'U0ALICE', text: 'help' });
    const metrics = await (await fetch(`${app.baseUrl}/metrics`)).text();
    expect(metrics).toContain('careerplan_listener_duration_seconds_bucket');
    expect(metrics).toMatch(
      /careerplan_listener_duration_seconds_count\{kind="command",name="help",outcome="ok"\} \d+/,
    );
    expect(metrics).toContain('careerplan_slack_api_calls_total{method="auth.test",outcome="ok"}');
    expect(metrics).toContain('careerplan_queue_jobs');
    expect(metrics).toContain('process_cpu_seconds_total');
  });
});

describe('/readyz when Redis is unreachable', () => {
  // Port 1 on loopback: nothing listens there, so every Redis connection is refused.
  const redisDown = { REDIS_URL: 'redis://127.0.0.1:1' };

  it('the web role stays ready: what it serves needs Postgres only', async () => {
    const fake = await startFakeSlack();
    seedWorkspace(fake);
    const app = await startTestApp({ fake, env: { ...redisDown, ROLE: 'web' } });
    try {
      expect((await fetch(`${app.baseUrl}/readyz`)).status).toBe(200);
      expect((await fetch(`${app.baseUrl}/healthz`)).status).toBe(200);
    } finally {
      await app.cleanup();
      await fake.close();
    }
  });

  it('a process that runs workers answers 503 naming redis, without the driver’s error text', async () => {
    const fake = await startFakeSlack();
    seedWorkspace(fake);
    // Shutdown waits this long for workers that cannot reach Redis.
    const app = await startTestApp({ fake, env: { ...redisDown, ROLE: 'all', SHUTDOWN_TIMEOUT_MS: '500' } });
    try {
      const res = await fetch(`${app.baseUrl}/readyz`);
      expect(res.status).toBe(503);
      const text = await res.text();
      expect((JSON.parse(text) as { failing: string[] }).failing).toEqual(['redis']);
      expect(text).not.toMatch(/127\.0\.0\.1|ECONNREFUSED|6379|:1\b/);
      expect((await fetch(`${app.baseUrl}/healthz`)).status).toBe(200);
    } finally {
      await app.cleanup();
      await fake.close();
    }
  });
});
