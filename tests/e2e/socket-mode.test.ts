import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type FakeSlack, startFakeSlack } from '../../src/sandbox/slack/fake-slack.ts';
import { seedWorkspace, startTestApp, TEAM, type TestApp } from '../support/app-harness.ts';
import { createSocketSlackClient, type SocketSlackClient } from '../support/socket-slack-client.ts';

const APP_TOKEN = 'xapp-1-A0CAREERPLAN-1-socket-test';
const ALICE = 'U0ALICE';

describe('Socket Mode end to end (the fake Slack over a WebSocket)', () => {
  let fake: FakeSlack;
  let app: TestApp;
  let slack: SocketSlackClient;

  beforeAll(async () => {
    fake = await startFakeSlack();
    seedWorkspace(fake);
    fake.socketMode.allowAppToken(APP_TOKEN);
    app = await startTestApp({ fake, env: { SLACK_APP_TOKEN: APP_TOKEN, SLACK_SIGNING_SECRET: '' } });
    slack = createSocketSlackClient(fake.socketMode, fake.baseUrl);
    await fake.socketMode.waitForConnections(1);
  });
  afterAll(async () => {
    await app?.cleanup();
    await fake?.close();
  });
  beforeEach(() => fake.reset());

  it('opens its connection with the app token through SLACK_API_URL', () => {
    expect(fake.socketMode.opened).toBe(1);
    expect(fake.socketMode.connections()).toBe(1);
  });

  it('answers a slash command in the acknowledgement of its envelope', async () => {
    const ack = await slack.slashCommand({ teamId: TEAM, userId: ALICE, text: 'help' });
    expect(ack.payload).toMatchObject({ response_type: 'ephemeral' });
    expect(JSON.stringify(ack.payload)).toContain('/careerplan okr progress 2 60');
    expect(fake.violations).toEqual([]);
  });

  it('acknowledges a button and runs its listener (All commands opens the help modal)', async () => {
    const ack = await slack.blockActions({ teamId: TEAM, userId: ALICE, actionId: 'home_show_help' });
    expect(ack.envelopeId).toMatch(/-/);
    await fake.waitFor(() => fake.callsTo('views.open').length === 1);
    expect(JSON.stringify(fake.callsTo('views.open')[0]?.params.view)).toContain(
      '/careerplan okr progress 2 60',
    );
    expect(fake.violations).toEqual([]);
  });

  it('acknowledges an event and handles it (app_home_opened publishes Home)', async () => {
    await slack.event({
      teamId: TEAM,
      event: { type: 'app_home_opened', user: ALICE, channel: 'D0ALICE', tab: 'home' },
    });
    await fake.waitFor(() => fake.callsTo('views.publish').length === 1);
    expect(fake.callsTo('views.publish')[0]?.params.user_id).toBe(ALICE);
    expect(fake.violations).toEqual([]);
  });

  it('answers a direct message with the short help, in the DM', async () => {
    const dm = fake.dmChannelFor(TEAM, ALICE);
    await slack.event({
      teamId: TEAM,
      event: {
        type: 'message',
        channel: dm,
        channel_type: 'im',
        user: ALICE,
        text: 'hello?',
        ts: '1700000000.000100',
      },
    });
    await fake.waitFor(() => fake.callsTo('chat.postMessage').length === 1);
    const post = fake.callsTo('chat.postMessage')[0];
    expect(post?.params.channel).toBe(dm);
    expect(String(post?.params.text)).toContain('/careerplan help');
  });

  it('the fake holds the app to acknowledging: an envelope nothing acknowledges is a violation', async () => {
    // No listener handles this command, so nothing acks it (Slack would show the user an error).
    const unacked = fake.socketMode.send(
      'slash_commands',
      { command: '/not-careerplan', text: '', team_id: TEAM, user_id: ALICE, api_app_id: 'A0CAREERPLAN' },
      { ackTimeoutMs: 1000 },
    );
    await expect(unacked).rejects.toThrow(/not acknowledged within 1000 ms/);
    expect(fake.violations).toEqual([expect.stringContaining('slash_commands envelope')]);
  });

  it('reconnects after the socket drops, with a fresh URL, and keeps serving commands', async () => {
    const before = fake.socketMode.opened;
    fake.socketMode.dropAll();
    await fake.socketMode.waitForConnections(2, 30_000);
    expect(fake.socketMode.opened).toBe(before + 1);
    const ack = await slack.slashCommand({ teamId: TEAM, userId: ALICE, text: 'help' });
    expect(JSON.stringify(ack.payload)).toContain('/careerplan okr progress 2 60');
    expect(fake.violations).toEqual([]);
  });
});
