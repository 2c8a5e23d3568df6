import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { buildDeps, type Deps } from '../../src/deps.ts';
import { buildJobHandlers } from '../../src/jobs/handlers/index.ts';
import { startWorkers } from '../../src/jobs/worker.ts';
import { createLogger } from '../../src/ops/logger.ts';
import { prerenderedKind } from '../../src/outbox/kinds.ts';
import type { NewOutboxMessage, OutboxMessage } from '../../src/outbox/message.ts';
import { type FakeSlack, startFakeSlack } from '../../src/sandbox/slack/fake-slack.ts';
import { assembleFeatures } from '../../src/slack/assemble.ts';
import { postOutboxMessage } from '../../src/slack-api/outbox-messages.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { deleteRedisPrefix, TEST_REDIS_URL, uniqueQueuePrefix } from '../support/redis.ts';
import { waitUntil } from '../support/rituals.ts';

const TEAM = 'T0OUTBOX';
const TOKEN = 'xoxb-outbox';
const CHANNEL = 'C0POSTS';

/**
 * Two features, defined only here, that send through the outbox: the outbox knows nothing of
 * them but what they registered.
 */
const testFeatures = [
  () => ({ name: 'digests', outboxKinds: [prerenderedKind('digests.post')] }),
  () => ({ name: 'nudges', outboxKinds: [prerenderedKind('nudges.dm')] }),
];

function outboxDeps(fake: FakeSlack, database: TestDatabase, prefix: string): Deps {
  const config = loadConfig(
    {
      SLACK_BOT_TOKEN: TOKEN,
      SLACK_SIGNING_SECRET: 'x',
      SLACK_API_URL: fake.url,
      DATABASE_URL: database.url,
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: prefix,
      SLACK_WORKSPACE_MESSAGES_PER_MINUTE: '60000',
    },
    'worker',
  );
  const deps = buildDeps(config, createLogger('silent'));
  assembleFeatures(deps, testFeatures);
  return deps;
}

/** Messages in Slack that carry this row's receipt. */
function copiesOf(fake: FakeSlack, channel: string, row: OutboxMessage) {
  return fake.messages(channel).filter((m) => {
    const payload = (m.metadata as { event_payload?: Record<string, unknown> } | undefined)?.event_payload;
    return String(payload?.delivery_id) === row.id;
  });
}

describe('the outbox: channel posts, thread replies and DMs of any feature, exactly once', () => {
  let fake: FakeSlack;
  let database: TestDatabase;
  let prefix: string;
  const open: Array<{ close(): Promise<void> }> = [];

  beforeAll(async () => {
    fake = await startFakeSlack();
  });
  afterAll(async () => {
    await fake.close();
  });
  beforeEach(async () => {
    database = await createTestDatabase();
    prefix = uniqueQueuePrefix();
    fake.reset();
    fake.clearFailures();
    fake.addWorkspace({ teamId: TEAM, botToken: TOKEN });
    fake.addChannel({ teamId: TEAM, channelId: CHANNEL, name: 'learning', members: [] });
  });
  afterEach(async () => {
    for (const item of open.splice(0).reverse()) await item.close();
    await database.drop();
    await deleteRedisPrefix(prefix);
  });

  function start(deps: Deps) {
    open.push(deps);
    const workers = startWorkers({
      connection: deps.redis,
      prefix: deps.config.queuePrefix,
      handlers: buildJobHandlers(deps, new Map()),
      jobRuns: deps.jobRuns,
      metrics: deps.metrics,
      logger: deps.logger,
      concurrency: 20,
    });
    open.push(workers);
  }

  /** A row whose worker died after Slack accepted the post, before `sent` was recorded. */
  async function crashedAfterPosting(deps: Deps, message: NewOutboxMessage, threadTs?: string) {
    const [row] = await deps.outboxRepository.insertMany([message]);
    if (!row) throw new Error('not stored');
    await deps.outboxRepository.claim(row.id, 1, new Date(Date.now() - 120_000));
    await postOutboxMessage(
      deps.clients.forToken(TOKEN),
      { channel: CHANNEL, threadTs },
      { text: String(message.payload?.text) },
      { outboxId: row.id, round: 1 },
    );
    return row;
  }

  it('a channel post and a thread reply whose worker died after Slack accepted them are each sent once', async () => {
    const deps = outboxDeps(fake, database, prefix);
    const post = await crashedAfterPosting(deps, {
      teamId: TEAM,
      key: 'digests:thread:1',
      kind: 'digests.post',
      target: { type: 'channel', channelId: CHANNEL },
      dueAt: new Date(),
      payload: { text: 'What did you learn this week?' },
    });
    start(deps);
    await deps.timers.deliver([post]);
    await waitUntil(
      async () => (await deps.outboxRepository.find(post.id))?.status === 'sent',
      15_000,
      'post sent',
    );
    const parent = await deps.outboxRepository.find(post.id);
    expect(copiesOf(fake, CHANNEL, post)).toHaveLength(1);
    expect(parent?.messageTs).toBe(copiesOf(fake, CHANNEL, post)[0]?.ts);
    expect(fake.callsTo('conversations.history').length).toBeGreaterThan(0);

    const reply = await crashedAfterPosting(
      deps,
      {
        teamId: TEAM,
        key: 'digests:digest:1',
        kind: 'digests.post',
        target: { type: 'thread', parentId: post.id },
        dueAt: new Date(),
        payload: { text: 'This week: 3 summaries' },
      },
      parent?.messageTs ?? '',
    );
    await deps.timers.deliver([reply]);
    await waitUntil(
      async () => (await deps.outboxRepository.find(reply.id))?.status === 'sent',
      15_000,
      'reply sent',
    );
    const replies = copiesOf(fake, CHANNEL, reply);
    expect(replies).toHaveLength(1);
    expect(replies[0]?.threadTs).toBe(parent?.messageTs);
    expect(fake.callsTo('conversations.replies').length).toBeGreaterThan(0);
    // Enqueueing the same keys again stores and sends nothing more.
    await deps.outbox.enqueue([
      {
        teamId: TEAM,
        key: 'digests:thread:1',
        kind: 'digests.post',
        target: { type: 'channel', channelId: CHANNEL },
        dueAt: new Date(),
        payload: { text: 'again' },
      },
    ]);
    expect(fake.messages(CHANNEL)).toHaveLength(2);
  });

  it('a reply enqueued with its thread waits for the parent, then lands in its thread', async () => {
    const deps = outboxDeps(fake, database, prefix);
    start(deps);
    const [parent] = await deps.outbox.enqueue([
      {
        teamId: TEAM,
        key: 'digests:thread:2',
        kind: 'digests.post',
        target: { type: 'channel', channelId: CHANNEL },
        dueAt: new Date(Date.now() + 1500),
        payload: { text: 'Thread' },
      },
    ]);
    if (!parent) throw new Error('no parent');
    const [reply] = await deps.outbox.enqueue([
      {
        teamId: TEAM,
        key: 'digests:reply:2',
        kind: 'digests.post',
        target: { type: 'thread', parentId: parent.id },
        dueAt: new Date(),
        payload: { text: 'Reply' },
      },
    ]);
    if (!reply) throw new Error('no reply');
    await waitUntil(
      async () => (await deps.outboxRepository.find(reply.id))?.status === 'sent',
      20_000,
      'reply sent',
    );
    const sentParent = await deps.outboxRepository.find(parent.id);
    expect(copiesOf(fake, CHANNEL, reply).map((m) => m.threadTs)).toEqual([sentParent?.messageTs]);
    expect(fake.messages(CHANNEL)).toHaveLength(2);
  });

  it('a reply whose thread will never exist is failed, not left sending', async () => {
    const deps = outboxDeps(fake, database, prefix);
    start(deps);
    const [parent] = await deps.outboxRepository.insertMany([
      {
        teamId: TEAM,
        key: 'digests:thread:3',
        kind: 'digests.post',
        target: { type: 'channel', channelId: CHANNEL },
        dueAt: new Date(),
        payload: { text: 'Thread' },
        skipReason: 'ritual_paused',
      },
    ]);
    expect(parent).toBeUndefined();
    const skipped = await deps.outboxRepository.findByKey(TEAM, 'digests:thread:3');
    const [reply] = await deps.outbox.enqueue([
      {
        teamId: TEAM,
        key: 'digests:reply:3',
        kind: 'digests.post',
        target: { type: 'thread', parentId: skipped?.id ?? '' },
        dueAt: new Date(),
        payload: { text: 'Reply' },
      },
    ]);
    await waitUntil(
      async () => (await deps.outboxRepository.find(reply?.id ?? ''))?.status === 'failed',
      15_000,
      'reply failed',
    );
    expect((await deps.outboxRepository.find(reply?.id ?? ''))?.lastError).toBe('no_parent');
    expect(fake.messages(CHANNEL)).toEqual([]);
  });

  it('two features’ DMs under a 429 storm: each sent once, no call before Retry-After', async () => {
    const deps = outboxDeps(fake, database, prefix);
    const people = Array.from({ length: 10 }, (_, i) => `U0OUT${String(i).padStart(3, '0')}`);
    for (const userId of people) fake.addUser({ teamId: TEAM, userId, name: userId.toLowerCase() });
    fake.injectFailures({ method: 'chat.postMessage', status: 429, retryAfterSeconds: 1, probability: 0.3 });
    start(deps);
    const rows = await deps.outbox.enqueue(
      people.flatMap((userId) => [
        {
          teamId: TEAM,
          key: `digests:${userId}`,
          kind: 'digests.post',
          target: { type: 'dm' as const, userId },
          dueAt: new Date(),
          payload: { text: 'Your digest' },
        },
        {
          teamId: TEAM,
          key: `nudges:${userId}`,
          kind: 'nudges.dm',
          target: { type: 'dm' as const, userId },
          dueAt: new Date(),
          payload: { text: 'A nudge' },
        },
      ]),
    );
    expect(rows).toHaveLength(20);
    const sent = async () =>
      Number(
        (
          await deps.db
            .selectFrom('outbox')
            .select(deps.db.fn.countAll<string>().as('n'))
            .where('status', '=', 'sent')
            .executeTakeFirstOrThrow()
        ).n,
      );
    await waitUntil(async () => (await sent()) === 20, 90_000, 'all 20 sent through the storm');
    const receipts = fake
      .callsTo('chat.postMessage')
      .filter((c) => c.response?.ok === true)
      .map((c) =>
        String(
          (c.params.metadata as { event_payload?: { delivery_id?: unknown } }).event_payload?.delivery_id,
        ),
      );
    expect(receipts.sort()).toEqual(rows.map((r) => r.id).sort());
    expect(fake.calls.filter((c) => c.injectedStatus === 429).length).toBeGreaterThan(0);
    expect(fake.earlyRetries()).toEqual([]);
  }, 120_000);
});
