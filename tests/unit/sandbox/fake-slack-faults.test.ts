import { WebClient } from '@slack/web-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeSlack, startFakeSlack } from '../../../src/sandbox/slack/fake-slack.ts';

const TEAM = { teamId: 'T1', teamName: 'Acme', botToken: 'xoxb-faults' };

/** A small seeded generator, so "probability" rules are repeatable. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('fake Slack failure rules', () => {
  let fake: FakeSlack;
  const web = () =>
    new WebClient(TEAM.botToken, {
      slackApiUrl: fake.url,
      retryConfig: { retries: 0 },
      rejectRateLimitedCalls: true,
    });

  beforeAll(async () => {
    fake = await startFakeSlack({ random: seeded(42) });
    fake.addWorkspace(TEAM);
    fake.addUser({ teamId: 'T1', userId: 'U1' });
  });
  afterAll(async () => {
    await fake.close();
  });

  it('compose: a 429 rule and a 5xx rule on the same method both fire', async () => {
    fake.reset();
    fake.injectFailures({ method: 'chat.postMessage', status: 429, retryAfterSeconds: 1, probability: 0.3 });
    fake.injectFailures({ method: 'chat.postMessage', status: 503, probability: 0.1 });
    for (let i = 0; i < 300; i++)
      await web()
        .chat.postMessage({ channel: 'U1', text: `n${i}` })
        .catch(() => {});
    const statuses = fake.calls.map((c) => c.injectedStatus ?? 200);
    const count = (s: number) => statuses.filter((x) => x === s).length;
    expect(count(429)).toBeGreaterThan(50);
    expect(count(503)).toBeGreaterThan(5);
    expect(count(200)).toBeGreaterThan(100);
  });

  it('"post accepted, answer 5xx": the message exists although the app saw a server error', async () => {
    fake.reset();
    fake.injectFailures({ method: 'chat.postMessage', status: 503, afterPost: true, times: 1 });
    const error = await web()
      .chat.postMessage({ channel: 'U1', text: 'did it go?' })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'slack_webapi_http_error' });
    expect(fake.messages('DU1').map((m) => m.text)).toEqual(['did it go?']);
    const [call] = fake.calls;
    expect(call?.injectedStatus).toBe(503);
    expect(call?.response?.ok).toBe(true);
    expect(() => fake.injectFailures({ status: 429, afterPost: true })).toThrow(/5xx/);
  });

  it('reset() forgets rate limits, their buckets, Retry-After records and early retries', async () => {
    fake.reset();
    fake.setRateLimits({
      perChannelPerSecond: 1,
      channelBurst: 1,
      perWorkspacePerMinute: 60,
      workspaceBurst: 1,
    });
    await web().chat.postMessage({ channel: 'U1', text: 'first' });
    await expect(web().chat.postMessage({ channel: 'U1', text: 'too soon' })).rejects.toMatchObject({
      code: 'slack_webapi_rate_limited_error',
    });
    await web()
      .chat.postMessage({ channel: 'U1', text: 'sooner still' })
      .catch(() => {});
    expect(fake.earlyRetries()).toHaveLength(1);
    fake.injectFailures({ method: 'auth.test', status: 503 });

    fake.reset();
    expect(fake.earlyRetries()).toEqual([]);
    expect(fake.calls).toEqual([]);
    expect(fake.messages('DU1')).toEqual([]);
    // No limit, no bucket, no Retry-After and no rule survives: back-to-back calls all succeed.
    for (let i = 0; i < 5; i++) await web().chat.postMessage({ channel: 'U1', text: `again ${i}` });
    await expect(web().auth.test()).resolves.toMatchObject({ ok: true });
    expect(fake.earlyRetries()).toEqual([]);
    // The seeded directory stays.
    expect(fake.dmChannelFor('T1', 'U1')).toBe('DU1');
  });

  it('tags calls by the URL they came through', async () => {
    fake.reset();
    const tagged = new WebClient(TEAM.botToken, { slackApiUrl: fake.urlFor('worker-b') });
    await tagged.auth.test();
    await web().auth.test();
    expect(fake.calls.map((c) => c.via)).toEqual(['worker-b', undefined]);
  });
});
