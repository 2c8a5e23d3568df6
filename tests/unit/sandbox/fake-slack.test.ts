import { createHmac } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { App, LogLevel, verifySlackRequest } from '@slack/bolt';
import { type Logger, WebClient, type WebClientOptions } from '@slack/web-api';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type FakeSlack, startFakeSlack } from '../../../src/sandbox/slack/fake-slack.ts';
import { createSlackClient, signSlackRequest } from '../../../src/sandbox/slack/slack-signer.ts';

const T1 = { teamId: 'T1', teamName: 'Acme', botToken: 'xoxb-t1' };
const T2 = { teamId: 'T2', teamName: 'Globex', botToken: 'xoxb-t2' };

let fake: FakeSlack;

/** Failing calls are the point of several tests; keep the client from logging them. */
const quiet: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  setLevel: () => undefined,
  getLevel: () => LogLevel.ERROR,
  setName: () => undefined,
};

function client(token: string | undefined, extra: WebClientOptions = {}): WebClient {
  // No retries: each test sees exactly what one request got back.
  return new WebClient(token, {
    slackApiUrl: fake.url,
    retryConfig: { retries: 0 },
    logger: quiet,
    ...extra,
  });
}

/** The Slack `error` (or the client's error code) a call failed with. */
async function failure(call: Promise<unknown>): Promise<string> {
  try {
    await call;
  } catch (e) {
    const err = e as { code?: string; data?: { error?: string } };
    return err.data?.error ?? err.code ?? String(e);
  }
  throw new Error('expected the call to fail');
}

beforeAll(async () => {
  fake = await startFakeSlack();
});
afterAll(async () => {
  await fake.close();
});
afterEach(() => {
  fake.reset();
});

function seed(): void {
  fake.addWorkspace(T1);
  fake.addWorkspace(T2);
  fake.addUser({ teamId: 'T1', userId: 'U1', realName: 'Ada Lovelace', tz: 'Europe/Berlin', isAdmin: true });
  fake.addUser({ teamId: 'T1', userId: 'U2' });
  fake.addUser({ teamId: 'T1', userId: 'U3', deleted: true });
  fake.addUser({ teamId: 'T2', userId: 'U9' });
  fake.addChannel({ teamId: 'T1', channelId: 'C1', name: 'general', members: ['U1', 'U2'] });
  fake.addChannel({ teamId: 'T2', channelId: 'C2', name: 'random', members: ['U9'] });
}

describe('fake Slack', () => {
  beforeAll(seed);

  it('answers auth.test for a registered token and refuses unknown or missing ones', async () => {
    const res = await client(T1.botToken).auth.test();
    expect(res).toMatchObject({ ok: true, team_id: 'T1', user_id: 'UT1BOT', bot_id: 'BT1', team: 'Acme' });
    expect(await failure(client('xoxb-nope').auth.test())).toBe('invalid_auth');
    expect(await failure(client(undefined).auth.test())).toBe('not_authed');
    expect(fake.callsTo('auth.test').map((c) => c.teamId)).toEqual(['T1', undefined, undefined]);
  });

  it("refuses to post in another team's channel", async () => {
    expect(await failure(client(T1.botToken).chat.postMessage({ channel: 'C2', text: 'hi' }))).toBe(
      'channel_not_found',
    );
    expect(fake.messages('C2')).toEqual([]);
  });

  it('records a 51-block message as a violation and fails it like Slack', async () => {
    const blocks = Array.from({ length: 51 }, () => ({ type: 'divider' }));
    expect(await failure(client(T1.botToken).chat.postMessage({ channel: 'C1', text: 'x', blocks }))).toBe(
      'invalid_blocks',
    );
    expect(fake.violations).toEqual([expect.stringMatching(/chat\.postMessage.*51 blocks \(max 50/)]);
    fake.violations.length = 0;
  });

  it('injects a 429 that a rate-limit-rejecting client sees, then recovers', async () => {
    fake.injectFailures({ method: 'auth.test', status: 429, retryAfterSeconds: 1, times: 1 });
    const web = client(T1.botToken, { rejectRateLimitedCalls: true });
    const err = await web.auth.test().catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'slack_webapi_rate_limited_error', retryAfter: 1 });
    await expect(web.auth.test()).resolves.toMatchObject({ ok: true });
    expect(fake.calls.map((c) => c.injectedStatus)).toEqual([429, undefined]);
    expect(fake.callsTo('auth.test')).toHaveLength(1);
  });

  it('injects 5xx for one team only', async () => {
    fake.injectFailures({ teamId: 'T2', status: 503 });
    expect(await failure(client(T2.botToken).auth.test())).toBe('slack_webapi_http_error');
    await expect(client(T1.botToken).auth.test()).resolves.toMatchObject({ ok: true });
    fake.clearFailures();
    await expect(client(T2.botToken).auth.test()).resolves.toMatchObject({ ok: true });
  });

  it('returns message metadata from conversations.history only when asked', async () => {
    const web = client(T1.botToken);
    const metadata = { event_type: 'okr_progress', event_payload: { okr: 7 } };
    const first = await web.chat.postMessage({ channel: 'C1', text: 'one' });
    const second = await web.chat.postMessage({ channel: 'C1', text: 'two', metadata });
    expect(Number(second.ts)).toBeGreaterThan(Number(first.ts));
    const withMeta = await web.conversations.history({ channel: 'C1', include_all_metadata: true });
    expect(withMeta.messages?.map((m) => m.text)).toEqual(['two', 'one']);
    expect(withMeta.messages?.[0]?.metadata).toEqual(metadata);
    const without = await web.conversations.history({ channel: 'C1', limit: 1 });
    expect(without.messages?.[0]?.metadata).toBeUndefined();
    expect(without.has_more).toBe(true);
    expect(fake.messages('C1').map((m) => m.metadata)).toEqual([undefined, metadata]);
  });

  it('threads replies under their parent', async () => {
    const web = client(T1.botToken);
    const parent = await web.chat.postMessage({ channel: 'C1', text: 'parent' });
    await web.chat.postMessage({ channel: 'C1', text: 'reply', thread_ts: parent.ts });
    const thread = await web.conversations.replies({ channel: 'C1', ts: String(parent.ts) });
    expect(thread.messages?.map((m) => m.text)).toEqual(['parent', 'reply']);
    const history = await web.conversations.history({ channel: 'C1' });
    expect(history.messages?.map((m) => m.text)).toEqual(['parent']);
  });

  it('opens DMs deterministically and posts to a user id in that DM', async () => {
    const web = client(T1.botToken);
    const open = await web.conversations.open({ users: 'U1' });
    expect(open.channel?.id).toBe(fake.dmChannelFor('T1', 'U1'));
    const posted = await web.chat.postMessage({ channel: 'U1', text: 'hello' });
    expect(posted.channel).toBe(fake.dmChannelFor('T1', 'U1'));
    expect(fake.messages(fake.dmChannelFor('T1', 'U1'))).toMatchObject([{ text: 'hello', user: 'UT1BOT' }]);
    expect(await failure(web.conversations.open({ users: 'U9' }))).toBe('user_not_found');
    expect(await failure(web.conversations.open({ users: 'U3' }))).toBe('user_disabled');
  });

  it('describes users like users.info does and pages users.list', async () => {
    const web = client(T1.botToken);
    const info = await web.users.info({ user: 'U1' });
    expect(info.user).toMatchObject({
      id: 'U1',
      team_id: 'T1',
      real_name: 'Ada Lovelace',
      tz: 'Europe/Berlin',
      is_admin: true,
      profile: { real_name: 'Ada Lovelace' },
    });
    expect([3600, 7200]).toContain(info.user?.tz_offset);
    expect(await failure(web.users.info({ user: 'U9' }))).toBe('user_not_found');
    const ids: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await web.users.list({ limit: 2, ...(cursor ? { cursor } : {}) });
      ids.push(...(page.members ?? []).map((m) => String(m.id)));
      cursor = page.response_metadata?.next_cursor || undefined;
    } while (cursor);
    expect(ids.sort()).toEqual(['U1', 'U2', 'U3', 'UT1BOT']);
  });

  it('validates modals on views.open and keeps the current view', async () => {
    const web = client(T1.botToken);
    const title = { type: 'plain_text' as const, text: 'A title far too long for Slack' };
    const bad = web.views.open({ trigger_id: 't', view: { type: 'modal', title, blocks: [] } });
    expect(await failure(bad)).toBe('invalid_arguments');
    expect(fake.violations).toEqual([
      expect.stringMatching(/views\.open.*view\.title\.text is 30 characters/),
    ]);
    fake.violations.length = 0;
    expect(
      await failure(web.views.open({ trigger_id: '', view: { type: 'modal', title, blocks: [] } })),
    ).toBe('invalid_arguments');
    const view = { type: 'modal' as const, title: { type: 'plain_text' as const, text: 'Goal' }, blocks: [] };
    const opened = await web.views.open({ trigger_id: 't', view });
    const id = String(opened.view?.id);
    await web.views.update({ view_id: id, view: { ...view, private_metadata: 'v2' } });
    expect(fake.views()).toMatchObject([{ id, view: { private_metadata: 'v2' } }]);
    expect(await failure(web.views.update({ view_id: id, hash: 'stale', view }))).toBe('hash_conflict');
    await web.views.publish({ user_id: 'U1', view: { type: 'home', blocks: [] } });
    expect(fake.homeView('T1', 'U1')).toBeDefined();
  });

  it('exchanges an OAuth code once and then knows the new token', async () => {
    fake.setOAuthInstall('code-1', {
      teamId: 'T7',
      teamName: 'Initech',
      botToken: 'xoxb-t7',
      installerUserId: 'U70',
    });
    const web = client(undefined);
    const res = await web.oauth.v2.access({ client_id: 'id', client_secret: 's', code: 'code-1' });
    expect(res).toMatchObject({
      ok: true,
      access_token: 'xoxb-t7',
      token_type: 'bot',
      team: { id: 'T7', name: 'Initech' },
      authed_user: { id: 'U70' },
      enterprise: null,
      is_enterprise_install: false,
    });
    expect(await failure(web.oauth.v2.access({ client_id: 'id', client_secret: 's', code: 'code-1' }))).toBe(
      'invalid_code',
    );
    await expect(client('xoxb-t7').auth.test()).resolves.toMatchObject({ team_id: 'T7' });
  });

  it('accepts a two-step file upload and keeps the content', async () => {
    await client(T1.botToken).filesUploadV2({
      channel_id: 'C1',
      content: 'hello, file',
      filename: 'plan.md',
      title: 'My plan',
    });
    expect(fake.uploadedFiles()).toMatchObject([
      { filename: 'plan.md', title: 'My plan', content: 'hello, file', channelId: 'C1' },
    ]);
  });

  it('updates, deletes and posts ephemerally only where Slack would allow', async () => {
    const web = client(T1.botToken);
    const posted = await web.chat.postMessage({ channel: 'C1', text: 'draft' });
    await web.chat.update({ channel: 'C1', ts: String(posted.ts), text: 'final' });
    expect(fake.messages('C1')).toMatchObject([{ text: 'final' }]);
    expect(await failure(web.chat.update({ channel: 'C1', ts: '1.000001', text: 'x' }))).toBe(
      'message_not_found',
    );
    await web.chat.delete({ channel: 'C1', ts: String(posted.ts) });
    expect(fake.messages('C1')).toEqual([]);
    await web.chat.postEphemeral({ channel: 'C1', user: 'U2', text: 'psst' });
    expect(fake.ephemerals('C1')).toMatchObject([{ user: 'U2', body: { text: 'psst' } }]);
    expect(await failure(web.chat.postEphemeral({ channel: 'C1', user: 'U9', text: 'x' }))).toBe(
      'user_not_found',
    );
  });

  it('reads JSON bodies and tokens passed as arguments', async () => {
    const json = await fetch(`${fake.url}chat.postMessage`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${T1.botToken}` },
      body: JSON.stringify({
        channel: 'C1',
        blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'hi' } }],
      }),
    });
    expect(await json.json()).toMatchObject({ ok: true, channel: 'C1' });
    const form = await fetch(`${fake.url}auth.test`, {
      method: 'POST',
      body: new URLSearchParams({ token: T2.botToken }),
    });
    expect(await form.json()).toMatchObject({ ok: true, team_id: 'T2' });
    expect(fake.calls.map((c) => [c.method, c.teamId])).toEqual([
      ['chat.postMessage', 'T1'],
      ['auth.test', 'T2'],
    ]);
  });

  it('records response_url posts and their Block Kit problems', async () => {
    const url = fake.responseUrl('cmd-1');
    const ok = await fetch(url, { method: 'POST', body: JSON.stringify({ text: 'hi' }) });
    expect(ok.status).toBe(200);
    const bad = await fetch(url, { method: 'POST', body: JSON.stringify({ blocks: [{ type: 'nope' }] }) });
    expect(bad.status).toBe(400);
    expect(fake.responseUrlPosts('cmd-1').map((p) => p.body)).toEqual([
      { text: 'hi' },
      { blocks: [{ type: 'nope' }] },
    ]);
    expect(fake.violations).toEqual(['response_url cmd-1: blocks[0].type "nope" is not a known block type']);
    fake.violations.length = 0;
  });

  it('answers unknown methods with unknown_method', async () => {
    expect(await failure(client(T1.botToken).apiCall('chat.fly'))).toBe('unknown_method');
  });

  it('rejects waitFor with a message naming recent calls', async () => {
    await client(T1.botToken).auth.test();
    await expect(fake.waitFor(() => false, 60)).rejects.toThrow(/within 60ms.*auth\.test → ok/);
  });
});

describe('slack signer', () => {
  it('signs like Slack, so Bolt would accept the request', () => {
    const body = 'command=%2Fcareerplan&text=help';
    const ts = Math.floor(Date.now() / 1000);
    const headers = signSlackRequest('shh', body, ts);
    const expected = `v0=${createHmac('sha256', 'shh').update(`v0:${ts}:${body}`).digest('hex')}`;
    expect(headers).toEqual({ 'x-slack-signature': expected, 'x-slack-request-timestamp': String(ts) });
    const verify = (h: typeof headers) =>
      verifySlackRequest({
        signingSecret: 'shh',
        body,
        headers: { 'x-slack-signature': h['x-slack-signature'], 'x-slack-request-timestamp': ts },
      });
    expect(() => verify(headers)).not.toThrow();
    expect(() => verify(signSlackRequest('other', body, ts))).toThrow();
  });

  it('drives a real Bolt app: command in, Web API and response_url out', async () => {
    seed();
    const app = new App({
      signingSecret: 'shh',
      token: T1.botToken,
      clientOptions: { slackApiUrl: fake.url },
      logLevel: LogLevel.ERROR,
    });
    app.command('/careerplan', async ({ ack, respond, client: web, command }) => {
      await ack();
      await web.chat.postMessage({ channel: command.user_id, text: `you said ${command.text}` });
      await respond({ text: 'done', response_type: 'ephemeral' });
    });
    const server = await app.start(0);
    try {
      const slack = createSlackClient({
        appUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        signingSecret: 'shh',
        fakeSlack: fake,
      });
      const res = await slack.slashCommand({ teamId: 'T1', userId: 'U1', text: 'help' });
      expect(res.status).toBe(200);
      await fake.waitFor(() => fake.responseUrlPosts().length === 1);
      expect(fake.responseUrlPosts()[0]).toMatchObject({ body: { text: 'done' } });
      expect(fake.messages(fake.dmChannelFor('T1', 'U1'))).toMatchObject([{ text: 'you said help' }]);
      const stale = Math.floor(Date.now() / 1000) - 600;
      const old = await slack.slashCommand(
        { teamId: 'T1', userId: 'U1', text: 'x' },
        { timestampSeconds: stale },
      );
      expect(old.status).toBe(401);
      const forged = await slack.slashCommand(
        { teamId: 'T1', userId: 'U1', text: 'x' },
        { badSignature: true },
      );
      expect(forged.status).toBe(401);
      expect(fake.violations).toEqual([]);
    } finally {
      await app.stop();
    }
  });

  it('sends interactions and events that Bolt routes to the right listener', async () => {
    seed();
    const app = new App({
      signingSecret: 'shh',
      token: T1.botToken,
      clientOptions: { slackApiUrl: fake.url },
      logLevel: LogLevel.ERROR,
    });
    const modal = {
      type: 'modal' as const,
      callback_id: 'goal',
      title: { type: 'plain_text' as const, text: 'Goal' },
      blocks: [],
    };
    app.action('open_goal', async ({ ack, body, client: web }) => {
      await ack();
      if (body.type === 'block_actions') await web.views.open({ trigger_id: body.trigger_id, view: modal });
    });
    app.view('goal', async ({ ack, view }) => {
      await ack({ response_action: 'errors', errors: { title: `got ${view.private_metadata}` } });
    });
    app.event('app_home_opened', async ({ event, client: web }) => {
      await web.views.publish({ user_id: event.user, view: { type: 'home', blocks: [] } });
    });
    const server = await app.start(0);
    try {
      const slack = createSlackClient({
        appUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`,
        signingSecret: 'shh',
        fakeSlack: fake,
      });
      const clicked = await slack.blockActions({
        teamId: 'T1',
        userId: 'U1',
        actions: [{ action_id: 'open_goal' }],
      });
      expect(clicked.status).toBe(200);
      await fake.waitFor(() => fake.callsTo('views.open').length === 1);
      expect(fake.callsTo('views.open')[0]?.params.trigger_id).toBe(clicked.triggerId);

      const submitted = await slack.viewSubmission({
        teamId: 'T1',
        userId: 'U1',
        view: { callback_id: 'goal', private_metadata: 'meta', state: { values: {} } },
      });
      expect(submitted.json()).toEqual({ response_action: 'errors', errors: { title: 'got meta' } });

      const event = await slack.event(
        { teamId: 'T1', event: { type: 'app_home_opened', user: 'U1', channel: 'DU1', tab: 'home' } },
        { retryNum: 1 },
      );
      expect(event.status).toBe(200);
      await fake.waitFor(() => fake.homeView('T1', 'U1') !== undefined);

      const challenge = await slack.urlVerification('abc');
      expect(challenge.json()).toEqual({ challenge: 'abc' });
      expect(fake.violations).toEqual([]);
    } finally {
      await app.stop();
    }
  });
});
