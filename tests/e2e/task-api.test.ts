import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Task } from '../../src/ops/tasks/task.ts';
import { type FakeSlack, startFakeSlack } from '../../src/sandbox/slack/fake-slack.ts';
import { seedWorkspace, startTestApp, TEAM, type TestApp } from '../support/app-harness.ts';
import { OPS_TOKEN, opsRequest, waitForTask } from '../support/ops-client.ts';
import { query } from '../support/plans-e2e.ts';
import { setUpContribution } from '../support/rituals.ts';

const ALICE = 'U0ALICE';
type TaskJson = Omit<Task, 'createdAt' | 'startedAt' | 'finishedAt' | 'updatedAt' | 'delivery'> & {
  startedAt: string | null;
  finishedAt: string | null;
  delivery?: { deliveryId: string; userId: string; ritual: string; round: number; state: string };
};

describe('task status API (OPS_TOKEN set, sharing PORT)', () => {
  let fake: FakeSlack;
  let app: TestApp;
  const api = (path: string, options: Parameters<typeof opsRequest>[2] = {}) =>
    opsRequest(app.baseUrl, path, options);

  beforeAll(async () => {
    fake = await startFakeSlack();
    seedWorkspace(fake);
    app = await startTestApp({ fake, env: { OPS_TOKEN } });
  });
  afterAll(async () => {
    await app?.cleanup();
    await fake?.close();
  });
  beforeEach(() => fake.reset());

  it.each([
    [null, 'missing_token'],
    ['not-the-token-but-long-enough', 'invalid_token'],
  ])('token %s → 401 %s with a JSON error, nothing listed', async (token, error) => {
    const res = await api('/api/tasks', { token });
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(res.json()).toMatchObject({ error });
    expect(res.text).not.toContain('tasks');
  });

  it('starts an operator task from the allow-list: 202 with its id, then it runs to done', async () => {
    const res = await api('/api/tasks', { method: 'POST', body: { kind: 'reconcile-rituals' } });
    expect(res.status).toBe(202);
    const body = res.json<{ id: string; kind: string; status: string; location: string }>();
    expect(body).toMatchObject({ kind: 'reconcile-rituals', status: 'queued' });
    expect(body.id).toMatch(/^housekeeping:\d+$/);
    expect(res.headers.get('location')).toBe(`/api/tasks/${encodeURIComponent(body.id)}`);
    const task = await waitForTask<TaskJson>(app.baseUrl, body.id, (t) => t.status === 'done');
    expect(task).toMatchObject({ name: 'reconcile-rituals', attempts: 1, maxAttempts: 3, lastError: null });
    expect(task.startedAt).not.toBeNull();
    expect(task.finishedAt).not.toBeNull();
  });

  it.each([
    [{ kind: 'drop-database' }, 'unknown_kind', 'reconcile-rituals, post-digest, refresh-member-profiles'],
    [{ kind: 'post-digest', params: { teamId: 'not a team' } }, 'bad_params', 'teamId'],
    [{}, 'unknown_kind', 'kind is required'],
    [{ kind: 'reconcile-rituals', params: { horizonDays: 99 } }, 'bad_params', 'horizonDays'],
    [{ kind: 'refresh-member-profiles', params: { everything: true } }, 'bad_params', 'everything'],
  ])('POST %j → 400 %s and nothing is enqueued', async (body, error, message) => {
    const before = await query(app, 'select count(*)::int as n from job_runs');
    const res = await api('/api/tasks', { method: 'POST', body });
    expect(res.status).toBe(400);
    expect(res.json()).toMatchObject({ error });
    expect(res.json<{ message: string }>().message).toContain(message);
    expect(await query(app, 'select count(*)::int as n from job_runs')).toEqual(before);
  });

  it('post-digest runs the learning-hour digest job; with no thread yet it fails at once, saying why', async () => {
    const res = await api('/api/tasks', {
      method: 'POST',
      body: { kind: 'post-digest', params: { teamId: TEAM } },
    });
    expect(res.status).toBe(202);
    const body = res.json<{ id: string; kind: string }>();
    expect(body.kind).toBe('post-digest');
    // No learning hour has run in this workspace: retrying cannot help, so one attempt, failed.
    const task = await waitForTask<TaskJson>(app.baseUrl, body.id, (t) => t.status === 'failed');
    expect(task).toMatchObject({ name: 'feature-job', teamId: TEAM, attempts: 1 });
    expect(task.lastError).toContain('digest_unavailable');
    expect(task.lastError).toContain('No learning-hour thread has been posted yet');
  });

  it('a body that is not JSON → 400 bad_json', async () => {
    const res = await api('/api/tasks', { method: 'POST', rawBody: 'kind=reconcile-rituals' });
    expect(res.status).toBe(400);
    expect(res.json()).toMatchObject({ error: 'bad_json' });
  });

  it.each([
    ['nonsense', 400, 'bad_task_id'],
    ['mail:1', 400, 'bad_task_id'],
    ['housekeeping:', 400, 'bad_task_id'],
    ['housekeeping:a%2Fb', 400, 'bad_task_id'],
    ['housekeeping:999999', 404, 'not_found'],
    ['delivery:deliver__999999__1', 404, 'not_found'],
  ])('GET /api/tasks/%s → %i %s', async (id, status, error) => {
    const res = await api(`/api/tasks/${id}`);
    expect(res.status).toBe(status);
    expect(res.json()).toMatchObject({ error });
  });

  it.each([
    ['status=broken', 'bad_status'],
    ['since=yesterday', 'bad_since'],
    ['limit=0', 'bad_limit'],
    ['user=alice', 'bad_user'],
  ])('GET /api/tasks?%s → 400 %s', async (qs, error) => {
    const res = await api(`/api/tasks?${qs}`);
    expect(res.status).toBe(400);
    expect(res.json()).toMatchObject({ error });
  });

  it('a job that failed is listed with its error, refused a retry while done, and retried to done', async () => {
    await app.running.deps.workspaces.upsertWorkspace(TEAM);
    const jobId = await app.running.deps.queues.enqueue(
      'sync-member',
      { teamId: TEAM, userId: 'U0GHOST' },
      { teamId: TEAM },
    );
    const id = `housekeeping:${jobId}`;
    const failed = await waitForTask<TaskJson>(app.baseUrl, id, (t) => t.status === 'failed');
    expect(failed.lastError).toContain('user_not_found');

    const list = await api('/api/tasks?status=failed&since=1h&team=T0TEAM1');
    expect(list.status).toBe(200);
    expect(list.json<{ tasks: TaskJson[] }>().tasks.map((t) => t.id)).toContain(id);
    const done = await api('/api/tasks?status=done&since=1h');
    expect(done.json<{ tasks: TaskJson[] }>().tasks.map((t) => t.id)).not.toContain(id);

    fake.addUser({ teamId: TEAM, userId: 'U0GHOST', name: 'ghost' });
    const retry = await api(`/api/tasks/${id}/retry`, { method: 'POST' });
    expect(retry.status).toBe(202);
    const task = await waitForTask<TaskJson>(app.baseUrl, id, (t) => t.status === 'done');
    expect(task.lastError).toBeNull();
    expect(fake.callsTo('users.info').some((c) => c.params.user === 'U0GHOST')).toBe(true);

    const again = await api(`/api/tasks/${id}/retry`, { method: 'POST' });
    expect(again.status).toBe(409);
    expect(again.json()).toMatchObject({ error: 'not_failed' });
  });

  it('a failed job that Redis no longer holds answers 410 job_expired', async () => {
    await query(
      app,
      `insert into job_runs (queue, job_id, name, status, attempts, last_error) values ('housekeeping', 'gone-1', 'sync-member', 'failed', 5, 'boom')`,
    );
    const res = await api('/api/tasks/housekeeping:gone-1/retry', { method: 'POST' });
    expect(res.status).toBe(410);
    expect(res.json()).toMatchObject({ error: 'job_expired' });
  });

  it("answers what happened to Alice's reminder, and retries it when it failed", async () => {
    const { deps } = app.running;
    const ritual = await setUpContribution(deps, TEAM, 'C0TEAM');
    const occurrence = await deps.occurrences.upsertOccurrence({
      ritualId: ritual.id,
      teamId: TEAM,
      key: 'run-task-api-test',
      date: '2026-12-01',
      kind: 'adhoc',
      fanoutAt: new Date(Date.now() + 30 * 86_400_000),
    });
    const dueAt = new Date(Date.now() + 86_400_000);
    await deps.occurrences.recordFanout(occurrence, [
      { userId: ALICE, send: true, dueAt, localDate: '2026-12-01', tz: 'America/New_York' },
    ]);
    const [row] = await query<{ id: string }>(app, 'select id::text from outbox where user_id = $1', [ALICE]);
    await deps.outboxRepository.markFailed(row?.id ?? '', 'account_inactive');

    const res = await api(`/api/tasks?name=deliver&team=${TEAM}&user=${ALICE}`);
    const [reminder] = res.json<{ tasks: TaskJson[] }>().tasks;
    expect(reminder).toMatchObject({
      id: `delivery:deliver__${row?.id}__1`,
      name: 'deliver',
      status: 'failed',
      lastError: 'account_inactive',
      delivery: { userId: ALICE, ritual: 'contribution', round: 1, state: 'failed' },
    });

    const retry = await api(`/api/tasks/${reminder?.id}/retry`, { method: 'POST' });
    expect(retry.status).toBe(202);
    const planned = retry.json<{ task: TaskJson }>().task;
    expect(planned.delivery?.round).toBe(2);
    const sent = await waitForTask<TaskJson>(app.baseUrl, planned.id, (t) => t.status === 'done');
    expect(sent.delivery?.state).toBe('sent');
    const dms = fake.messages(fake.dmChannelFor(TEAM, ALICE));
    expect(dms).toHaveLength(1);
    expect(dms[0]?.metadata).toMatchObject({ event_type: 'careerplan_delivery' });
    const again = await api(`/api/tasks/${sent.id}/retry`, { method: 'POST' });
    expect(again.status).toBe(409);
    expect(fake.messages(fake.dmChannelFor(TEAM, ALICE))).toHaveLength(1);
  });
});
