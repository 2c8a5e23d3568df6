import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeSlack, startFakeSlack } from '../../src/sandbox/slack/fake-slack.ts';
import { seedWorkspace, startTestApp, TEAM, type TestApp } from '../support/app-harness.ts';
import { OPS_TOKEN, opsRequest } from '../support/ops-client.ts';

/** Sample lines of the queue gauge (HELP/TYPE lines alone do not count). */
const queueGaugeSamples = (metrics: string) =>
  metrics.split('\n').filter((l) => l.startsWith('careerplan_queue_jobs{'));

describe('OPS_PORT set: operator routes only there, health on both ports', () => {
  let fake: FakeSlack;
  let app: TestApp;
  let ops: string;

  beforeAll(async () => {
    fake = await startFakeSlack();
    seedWorkspace(fake);
    app = await startTestApp({ fake, env: { OPS_TOKEN, OPS_PORT: '0' } });
    ops = `http://127.0.0.1:${app.running.opsPort}`;
  });
  afterAll(async () => {
    await app?.cleanup();
    await fake?.close();
  });

  it('PORT keeps Slack, /healthz and /readyz, and serves none of /metrics, the task API or the queue view', async () => {
    expect(app.running.opsPort).not.toBe(app.running.port);
    expect((await fetch(`${app.baseUrl}/healthz`)).status).toBe(200);
    expect((await fetch(`${app.baseUrl}/readyz`)).status).toBe(200);
    for (const path of [
      '/metrics',
      '/api/tasks',
      '/api/tasks/housekeeping:1',
      '/ops/queues',
      '/ops/queues/api/queues',
    ])
      expect((await opsRequest(app.baseUrl, path)).status, path).toBe(404);
    const help = await app.slack.slashCommand({ teamId: TEAM, userId: 'U0ALICE', text: 'help' });
    expect(help.status).toBe(200);
  });

  it('OPS_PORT serves /healthz, /readyz and /metrics without a token', async () => {
    expect((await fetch(`${ops}/healthz`)).status).toBe(200);
    expect((await fetch(`${ops}/readyz`)).status).toBe(200);
    const metrics = await fetch(`${ops}/metrics`);
    expect(metrics.status).toBe(200);
    const text = await metrics.text();
    expect(text).toContain('careerplan_slack_api_calls_total{method="auth.test",outcome="ok"}');
    // Role `all` runs the workers, so this process exports the queue gauge.
    expect(queueGaugeSamples(text).length).toBeGreaterThan(0);
  });

  it('OPS_PORT serves the task API behind the token', async () => {
    expect((await opsRequest(ops, '/api/tasks', { token: null })).status).toBe(401);
    const res = await opsRequest(ops, '/api/tasks?limit=5');
    expect(res.status).toBe(200);
    expect(res.json()).toMatchObject({ limit: 5 });
  });

  it('the queue view asks a browser for the token (Basic), then shows the page and its assets', async () => {
    const challenge = await opsRequest(ops, '/ops/queues', { token: null });
    expect(challenge.status).toBe(401);
    expect(challenge.headers.get('www-authenticate')).toMatch(/^Basic /);
    expect((await opsRequest(ops, '/ops/queues', { basic: 'wrong-token-wrong-token-wrong' })).status).toBe(
      401,
    );

    const page = await opsRequest(ops, '/ops/queues', { basic: OPS_TOKEN });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.text).toContain('<base href="/ops/queues/"');
    expect(page.text).toContain('careerplan queues');
    const script = /src="(static\/js\/[^"]+\.js)"/.exec(page.text)?.[1];
    expect(script).toBeDefined();
    const asset = await opsRequest(ops, `/ops/queues/${script}`, { basic: OPS_TOKEN });
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toContain('javascript');
    expect(
      (await opsRequest(ops, '/ops/queues/static/..%2F..%2Fpackage.json', { basic: OPS_TOKEN })).status,
    ).toBe(404);
  });

  it('the queue view lists both queues, read-only, and refuses changes', async () => {
    const res = await opsRequest(ops, '/ops/queues/api/queues');
    expect(res.status).toBe(200);
    const queues = res.json<{ queues: Array<{ name: string; readOnlyMode: boolean }> }>().queues;
    expect(queues.map((q) => q.name).sort()).toEqual(['delivery', 'housekeeping']);
    expect(queues.every((q) => q.readOnlyMode)).toBe(true);
    const pause = await opsRequest(ops, '/ops/queues/api/queues/housekeeping/pause', { method: 'PUT' });
    expect(pause.status).toBe(405);
    expect(pause.json()).toMatchObject({ error: 'read_only' });
    expect(await app.running.deps.queues.queueFor('housekeeping').isPaused()).toBe(false);
  });
});

describe('roles: the queue gauge comes from the worker role only', () => {
  let fake: FakeSlack;
  const apps: TestApp[] = [];

  beforeAll(async () => {
    fake = await startFakeSlack();
    seedWorkspace(fake);
  });
  afterAll(async () => {
    for (const app of apps) await app.cleanup();
    await fake?.close();
  });

  it('web exports no queue gauge; worker does, on OPS_PORT, and keeps only health on PORT', async () => {
    const web = await startTestApp({ fake, env: { ROLE: 'web' } });
    apps.push(web);
    const webMetrics = await (await fetch(`${web.baseUrl}/metrics`)).text();
    expect(webMetrics).toContain('careerplan_listener_duration_seconds');
    expect(queueGaugeSamples(webMetrics)).toEqual([]);

    const worker = await startTestApp({ fake, env: { ROLE: 'worker', OPS_PORT: '0', OPS_TOKEN } });
    apps.push(worker);
    expect((await fetch(`${worker.baseUrl}/healthz`)).status).toBe(200);
    expect((await fetch(`${worker.baseUrl}/metrics`)).status).toBe(404);
    const workerMetrics = await (await fetch(`http://127.0.0.1:${worker.running.opsPort}/metrics`)).text();
    expect(queueGaugeSamples(workerMetrics).some((l) => l.includes('queue="delivery"'))).toBe(true);
  });

  it('without OPS_TOKEN the task API and the queue view are off; /metrics stays open', async () => {
    const app = await startTestApp({ fake, env: { ROLE: 'worker' } });
    apps.push(app);
    const tasks = await opsRequest(app.baseUrl, '/api/tasks');
    expect(tasks.status).toBe(404);
    expect(tasks.json()).toMatchObject({ error: 'ops_api_off' });
    expect((await opsRequest(app.baseUrl, '/ops/queues')).status).toBe(404);
    expect((await fetch(`${app.baseUrl}/metrics`)).status).toBe(200);
  });

  it('OPS_QUEUE_VIEW_WRITABLE=true lets the queue view change a queue', async () => {
    const app = await startTestApp({
      fake,
      env: { ROLE: 'worker', OPS_TOKEN, OPS_QUEUE_VIEW_WRITABLE: 'true' },
    });
    apps.push(app);
    const queues = await opsRequest(app.baseUrl, '/ops/queues/api/queues');
    expect(
      queues.json<{ queues: Array<{ readOnlyMode: boolean }> }>().queues.every((q) => !q.readOnlyMode),
    ).toBe(true);
    const pause = await opsRequest(app.baseUrl, '/ops/queues/api/queues/housekeeping/pause', {
      method: 'PUT',
    });
    expect(pause.status).toBeLessThan(300);
    expect(await app.running.deps.queues.queueFor('housekeeping').isPaused()).toBe(true);
    await app.running.deps.queues.queueFor('housekeeping').resume();
  });
});
