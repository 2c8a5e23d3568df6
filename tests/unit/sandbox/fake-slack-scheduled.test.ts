import { LogLevel } from '@slack/bolt';
import { type Logger, WebClient } from '@slack/web-api';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { type FakeSlack, startFakeSlack } from '../../../src/sandbox/slack/fake-slack.ts';
import { FakeSlackModel } from '../../../src/sandbox/slack/fake-slack-model.ts';
import { FakeScheduler } from '../../../src/sandbox/slack/fake-slack-scheduler.ts';

const T1 = { teamId: 'T1', teamName: 'Acme', botToken: 'xoxb-sched-1' };
const T2 = { teamId: 'T2', teamName: 'Globex', botToken: 'xoxb-sched-2' };

let fake: FakeSlack;

const quiet: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  setLevel: () => undefined,
  getLevel: () => LogLevel.ERROR,
  setName: () => undefined,
};

/** No retries and 429s rejected: each call shows exactly what the fake answered. */
const web = (token = T1.botToken): WebClient =>
  new WebClient(token, {
    slackApiUrl: fake.url,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    logger: quiet,
  });

/** Any Web API method by name; its answer read as the loose record it is. */
const call = async (
  method: string,
  args: Record<string, unknown>,
  token = T1.botToken,
): Promise<Record<string, unknown>> => ({ ...(await web(token).apiCall(method, args)) });

async function failure(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    const err = e as { code?: string; data?: { error?: string } };
    return err.data?.error ?? err.code ?? String(e);
  }
  throw new Error('expected the call to fail');
}

const nowSeconds = (): number => Math.floor(Date.now() / 1000);
/** A post_at one to two seconds ahead: soon enough to wait for, never already past. */
const soon = (extra = 0): number => nowSeconds() + 2 + extra;

async function schedule(
  channel: string,
  postAt: number | string,
  text: string,
  extra: Record<string, unknown> = {},
  token = T1.botToken,
): Promise<string> {
  const res = await call('chat.scheduleMessage', { channel, post_at: postAt, text, ...extra }, token);
  return String(res.scheduled_message_id);
}

beforeAll(async () => {
  fake = await startFakeSlack();
  fake.addWorkspace(T1);
  fake.addWorkspace(T2);
  fake.addUser({ teamId: 'T1', userId: 'U1' });
  fake.addUser({ teamId: 'T1', userId: 'U2' });
  fake.addUser({ teamId: 'T2', userId: 'U9' });
  fake.addChannel({ teamId: 'T1', channelId: 'C1', members: ['U1', 'U2'] });
  fake.addChannel({ teamId: 'T1', channelId: 'C3', members: ['U1'] });
  fake.addChannel({ teamId: 'T2', channelId: 'C2', members: ['U9'] });
  // The app opens its DMs first (conversations.open), as it must in Slack.
  await web().conversations.open({ users: 'U1' });
  await web().conversations.open({ users: 'U2' });
});
afterAll(async () => {
  await fake.close();
});
afterEach(() => {
  expect(fake.calls.filter((c) => c.response?.error === 'fatal_error')).toEqual([]);
  fake.reset();
});

describe('fake Slack chat.scheduleMessage', () => {
  it('posts the message into the DM at post_at, as the bot, without metadata', async () => {
    const postAt = soon();
    const res = await call('chat.scheduleMessage', { channel: 'DU1', post_at: String(postAt), text: 'hi' });
    expect(res).toMatchObject({
      ok: true,
      channel: 'DU1',
      post_at: postAt,
      scheduled_message_id: expect.stringMatching(/^Q/),
      message: { text: 'hi', bot_id: 'BT1', type: 'delayed_message' },
    });
    const id = String(res.scheduled_message_id);
    expect(fake.scheduledMessages('DU1')).toMatchObject([{ id, postAt, teamId: 'T1', hasMetadata: false }]);
    // Not posted when scheduled: the channel is still empty.
    expect(fake.messages('DU1')).toEqual([]);

    await fake.waitFor(() => fake.messages('DU1').length === 1, 5000);
    const [posted] = fake.messages('DU1');
    expect(posted).toMatchObject({ text: 'hi', user: 'UT1BOT', scheduledMessageId: id });
    expect(posted?.metadata).toBeUndefined();
    expect(posted?.deliveredAt).toBeGreaterThanOrEqual(postAt * 1000);
    expect(posted?.deliveredAt).toBeLessThan(postAt * 1000 + 2000);
    expect(Number(posted?.ts)).toBeGreaterThanOrEqual(postAt);
    expect(fake.scheduledMessages()).toEqual([]);
    expect(fake.deliveredScheduledMessages()).toMatchObject([{ channelId: 'DU1', scheduledMessageId: id }]);
    const history = await web().conversations.history({ channel: 'DU1' });
    expect(history.messages?.map((m) => m.text)).toEqual(['hi']);
  });

  it('refuses what Slack refuses', async () => {
    const ahead = nowSeconds() + 3600;
    // A user id is not a channel here (unlike chat.postMessage).
    expect(await failure(schedule('U1', ahead, 'x'))).toBe('channel_not_found');
    expect(await failure(schedule('C404', ahead, 'x'))).toBe('channel_not_found');
    expect(await failure(schedule('C2', ahead, 'x'))).toBe('channel_not_found');
    expect(await failure(schedule('DU1', nowSeconds(), 'x'))).toBe('time_in_past');
    expect(await failure(schedule('DU1', nowSeconds() - 60, 'x'))).toBe('time_in_past');
    expect(await failure(schedule('DU1', nowSeconds() + 121 * 86_400, 'x'))).toBe('time_too_far');
    expect(await failure(schedule('DU1', 'tomorrow', 'x'))).toBe('invalid_time');
    expect(await failure(call('chat.scheduleMessage', { channel: 'DU1', text: 'x' }))).toBe('invalid_time');
    expect(await failure(call('chat.scheduleMessage', { channel: 'DU1', post_at: ahead }))).toBe('no_text');
    expect(await failure(schedule('DU1', ahead, 'x', { thread_ts: '123.456' }))).toBe('thread_not_found');
    expect(await failure(schedule('DU1', ahead, 'x', { metadata: { event_type: 1 } }))).toBe(
      'invalid_metadata_format',
    );
    expect(await failure(schedule('DU1', ahead, 'x', {}, 'xoxb-nope'))).toBe('invalid_auth');
    expect(fake.violations).toEqual([]);
    const blocks = Array.from({ length: 51 }, () => ({ type: 'divider' }));
    expect(await failure(schedule('DU1', ahead, 'x', { blocks }))).toBe('invalid_blocks');
    expect(fake.violations).toEqual([expect.stringMatching(/chat\.scheduleMessage.*51 blocks/)]);
    expect(fake.scheduledMessages()).toEqual([]);
    // 120 days is still fine; a channel works as well as a DM.
    await schedule('DU1', nowSeconds() + 119 * 86_400, 'far');
    await schedule('C1', ahead, 'channel');
    expect(fake.scheduledMessages().map((m) => m.text)).toEqual(['channel', 'far']);
  });

  it('refuses a 31st message in one channel within a 5-minute window', async () => {
    const base = nowSeconds() + 3600;
    for (let i = 0; i < 30; i++) await schedule('DU1', base + i * 10, `m${i}`); // base … base+290
    expect(await failure(schedule('DU1', base + 299, 'over'))).toBe('restricted_too_many');
    expect(await failure(schedule('DU1', base - 5, 'over'))).toBe('restricted_too_many');
    // Another channel, or a window the 30 do not fill, is fine.
    await schedule('DU2', base + 100, 'other channel');
    await schedule('DU1', base + 300, 'next window'); // [base+10, base+310) holds 29 + this one
    expect(await failure(schedule('DU1', base + 301, 'over'))).toBe('restricted_too_many');
    await schedule('DU1', base + 600, 'later');
    // Deleting frees places: without base and base+300, no window around base+299 holds 30.
    for (const m of fake.scheduledMessages('DU1').filter((x) => x.postAt === base || x.postAt === base + 300))
      await call('chat.deleteScheduledMessage', { channel: 'DU1', scheduled_message_id: m.id });
    await schedule('DU1', base + 299, 'fits now');
  });

  it('never posts a message scheduled with metadata, and records a violation', async () => {
    const postAt = soon();
    const metadata = { event_type: 'careerplan_delivery', event_payload: { id: 1 } };
    const id = await schedule('DU1', postAt, 'with metadata', { metadata });
    expect(fake.violations).toEqual([expect.stringMatching(new RegExp(`${id} has metadata`))]);
    expect(fake.scheduledMessages('DU1')).toMatchObject([{ id, hasMetadata: true }]);
    await schedule('DU1', postAt + 1, 'control');
    await fake.waitFor(() => fake.messages('DU1').some((m) => m.text === 'control'), 6000);
    expect(fake.messages('DU1').map((m) => m.text)).toEqual(['control']);
    fake.violations.length = 0;
  });

  it('posts 10,000 messages of one post_at with one timer, in one pass', async () => {
    const model = new FakeSlackModel();
    const scheduler = new FakeScheduler(model);
    const timers = vi.spyOn(globalThis, 'setTimeout');
    try {
      const postAt = soon();
      for (let i = 0; i < 10_000; i++) {
        scheduler.add({
          teamId: 'T1',
          channelId: `DU${i}`,
          postAt,
          createdAt: Date.now(),
          text: `n${i}`,
          hasMetadata: false,
          user: 'UT1BOT',
          botId: 'BT1',
        });
      }
      expect(timers).toHaveBeenCalledTimes(1);
      await vi.waitFor(() => expect(model.messages).toHaveLength(10_000), { timeout: 6000, interval: 50 });
      expect(new Set(model.messages.map((m) => m.deliveredAt))).toEqual(
        new Set([model.messages[0]?.deliveredAt]),
      );
      expect(new Set(model.messages.map((m) => m.ts)).size).toBe(10_000);
      expect(scheduler.list()).toEqual([]);
    } finally {
      timers.mockRestore();
      scheduler.clear();
    }
  });
});

describe('fake Slack chat.deleteScheduledMessage', () => {
  it('deletes a pending message, which then never posts', async () => {
    const postAt = soon();
    const doomed = await schedule('DU1', postAt, 'doomed');
    await schedule('DU1', postAt + 1, 'control');
    await expect(
      call('chat.deleteScheduledMessage', { channel: 'DU1', scheduled_message_id: doomed }),
    ).resolves.toMatchObject({ ok: true });
    expect(
      await failure(call('chat.deleteScheduledMessage', { channel: 'DU1', scheduled_message_id: doomed })),
    ).toBe('invalid_scheduled_message_id');
    await fake.waitFor(() => fake.messages('DU1').some((m) => m.text === 'control'), 6000);
    expect(fake.messages('DU1').map((m) => m.text)).toEqual(['control']);
  });

  it('answers invalid_scheduled_message_id once posted, for unknown ids and for another team', async () => {
    const id = await schedule('DU1', soon(), 'posted');
    await fake.waitFor(() => fake.messages('DU1').length === 1, 5000);
    expect(
      await failure(call('chat.deleteScheduledMessage', { channel: 'DU1', scheduled_message_id: id })),
    ).toBe('invalid_scheduled_message_id');
    expect(
      await failure(
        call('chat.deleteScheduledMessage', { channel: 'DU1', scheduled_message_id: 'Q999999999' }),
      ),
    ).toBe('invalid_scheduled_message_id');
    expect(await failure(call('chat.deleteScheduledMessage', { channel: 'DU1' }))).toBe(
      'invalid_scheduled_message_id',
    );
    const theirs = await schedule('C2', nowSeconds() + 3600, 'theirs', {}, T2.botToken);
    expect(
      await failure(call('chat.deleteScheduledMessage', { channel: 'DU1', scheduled_message_id: theirs })),
    ).toBe('invalid_scheduled_message_id');
  });

  it('answers channel_not_found when the channel is not the message’s', async () => {
    const id = await schedule('DU1', nowSeconds() + 3600, 'x');
    expect(
      await failure(call('chat.deleteScheduledMessage', { channel: 'DU2', scheduled_message_id: id })),
    ).toBe('channel_not_found');
    expect(
      await failure(call('chat.deleteScheduledMessage', { channel: 'U1', scheduled_message_id: id })),
    ).toBe('channel_not_found');
    expect(fake.scheduledMessages().map((m) => m.id)).toEqual([id]);
  });

  it('reset() drops pending messages: they never post', async () => {
    const postAt = soon();
    await schedule('DU1', postAt, 'dropped');
    fake.reset();
    expect(fake.scheduledMessages()).toEqual([]);
    await schedule('DU1', postAt + 1, 'control');
    await fake.waitFor(() => fake.messages('DU1').length > 0, 6000);
    expect(fake.messages('DU1').map((m) => m.text)).toEqual(['control']);
  });
});

describe('fake Slack chat.scheduledMessages.list', () => {
  it('pages through pending messages with a cursor that survives changes between pages', async () => {
    const base = nowSeconds() + 3600;
    const ids: string[] = [];
    for (let i = 0; i < 25; i++)
      ids.push(await schedule(i % 2 === 0 ? 'DU1' : 'DU2', base + i * 60, `m${i}`));
    await schedule('C2', base, 'other team', {}, T2.botToken);

    const first = await call('chat.scheduledMessages.list', { limit: 10 });
    const page1 = first.scheduled_messages as Array<{ id: string; channel_id: string; post_at: number }>;
    expect(page1.map((m) => m.id)).toEqual(ids.slice(0, 10));
    expect(page1[0]).toMatchObject({ channel_id: 'DU1', post_at: base, text: 'm0' });
    expect(page1[0]).toHaveProperty('date_created');
    // A message of page 1 deleted between pages does not shift page 2.
    await call('chat.deleteScheduledMessage', { channel: 'DU1', scheduled_message_id: ids[0] });
    const cursor = (first.response_metadata as { next_cursor: string }).next_cursor;
    const second = await call('chat.scheduledMessages.list', { limit: 10, cursor });
    expect((second.scheduled_messages as Array<{ id: string }>).map((m) => m.id)).toEqual(ids.slice(10, 20));
    const third = await call('chat.scheduledMessages.list', {
      limit: 10,
      cursor: (second.response_metadata as { next_cursor: string }).next_cursor,
    });
    expect((third.scheduled_messages as Array<{ id: string }>).map((m) => m.id)).toEqual(ids.slice(20));
    expect(third.response_metadata).toEqual({ next_cursor: '' });

    const dm2 = await call('chat.scheduledMessages.list', { channel: 'DU2' });
    expect((dm2.scheduled_messages as unknown[]).length).toBe(12);
    const ranged = await call('chat.scheduledMessages.list', { oldest: base + 60, latest: base + 180 });
    expect((ranged.scheduled_messages as Array<{ id: string }>).map((m) => m.id)).toEqual(ids.slice(1, 4));
    expect(await failure(call('chat.scheduledMessages.list', { cursor: 'bm9wZQ' }))).toBe('invalid_cursor');
    expect(await failure(call('chat.scheduledMessages.list', { channel: 'C2' }))).toBe('channel_not_found');
    expect(await failure(call('chat.scheduledMessages.list', { oldest: base, latest: base }))).toBe(
      'invalid_arguments',
    );
    const theirs = await call('chat.scheduledMessages.list', {}, T2.botToken);
    expect((theirs.scheduled_messages as Array<{ text: string }>).map((m) => m.text)).toEqual(['other team']);
    // The default page is 100, the largest 1000.
    const all = await call('chat.scheduledMessages.list', { limit: 5000 });
    expect((all.scheduled_messages as unknown[]).length).toBe(24);
  });
});

describe('fake Slack scheduled-message rate limits', () => {
  it('charges chat.scheduleMessage to the workspace message budget, with 429 and early retries', async () => {
    fake.setRateLimits({
      perChannelPerSecond: 100,
      channelBurst: 100,
      perWorkspacePerMinute: 6,
      workspaceBurst: 2,
    });
    const ahead = nowSeconds() + 3600;
    await web().chat.postMessage({ channel: 'C1', text: 'posted' });
    await schedule('DU1', ahead, 'scheduled');
    const limited = await web()
      .chat.scheduleMessage({ channel: 'DU1', post_at: ahead + 1, text: 'too many' })
      .catch((e: unknown) => e);
    expect(limited).toMatchObject({
      code: 'slack_webapi_rate_limited_error',
      retryAfter: expect.any(Number),
    });
    expect(fake.earlyRetries()).toEqual([]);
    await web()
      .chat.scheduleMessage({ channel: 'DU1', post_at: ahead + 2, text: 'again too soon' })
      .catch(() => undefined);
    expect(fake.earlyRetries().map((c) => c.method)).toEqual(['chat.scheduleMessage']);
    expect(fake.scheduledMessages().map((m) => m.text)).toEqual(['scheduled']);
  });

  it('gives chat.deleteScheduledMessage and chat.scheduledMessages.list a Tier-3 bucket each', async () => {
    fake.setRateLimits({
      perChannelPerSecond: 1,
      channelBurst: 1,
      perWorkspacePerMinute: 60,
      workspaceBurst: 1,
    });
    // Default Tier 3: a burst of 5, then 50 per minute.
    for (let i = 0; i < 5; i++) await call('chat.scheduledMessages.list', {});
    expect(await failure(call('chat.scheduledMessages.list', {}))).toBe('slack_webapi_rate_limited_error');
    // Per method and per workspace.
    expect(
      await failure(call('chat.deleteScheduledMessage', { channel: 'DU1', scheduled_message_id: 'Q1' })),
    ).toBe('invalid_scheduled_message_id');
    await expect(call('chat.scheduledMessages.list', {}, T2.botToken)).resolves.toMatchObject({ ok: true });

    fake.setRateLimits({
      perChannelPerSecond: 1,
      channelBurst: 1,
      perWorkspacePerMinute: 60,
      workspaceBurst: 1,
      tier3PerMinute: 50,
      tier3Burst: 2,
    });
    await call('chat.deleteScheduledMessage', { channel: 'DU1', scheduled_message_id: 'Q1' }).catch(
      () => undefined,
    );
    await call('chat.deleteScheduledMessage', { channel: 'DU1', scheduled_message_id: 'Q1' }).catch(
      () => undefined,
    );
    expect(
      await failure(call('chat.deleteScheduledMessage', { channel: 'DU1', scheduled_message_id: 'Q1' })),
    ).toBe('slack_webapi_rate_limited_error');
  });
});
