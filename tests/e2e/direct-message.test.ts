import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateMessage } from '../../src/sandbox/slack/block-kit-limits.ts';
import { type FakeSlack, startFakeSlack } from '../../src/sandbox/slack/fake-slack.ts';
import { seedWorkspace, startTestApp, TEAM, type TestApp } from '../support/app-harness.ts';

const ALICE = 'U0ALICE';

/** How many `message` events the app has finished handling (the listener histogram's count). */
async function handledMessages(app: TestApp): Promise<number> {
  const text = await app.running.deps.metrics.registry.metrics();
  const line = text
    .split('\n')
    .find((l) =>
      l.startsWith('careerplan_listener_duration_seconds_count{kind="event",name="message",outcome="ok"}'),
    );
  return line ? Number(line.split(' ').pop()) : 0;
}

describe('a direct message to the bot (message.im) over HTTP', () => {
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

  it('answers a member with a short help in the DM, and ignores edits, bots and channel messages', async () => {
    const dm = fake.dmChannelFor(TEAM, ALICE);
    const base = { type: 'message', channel: dm, channel_type: 'im', ts: '1700000000.000100' };
    const ignored = [
      { ...base, subtype: 'message_changed', message: { text: 'edited' } },
      { ...base, bot_id: 'B0OTHER', user: 'U0OTHERBOT', text: 'beep' },
      { ...base, channel: 'C0TEAM', channel_type: 'channel', user: ALICE, text: 'hi all' },
    ];
    for (const event of ignored) expect((await app.slack.event({ teamId: TEAM, event })).status).toBe(200);
    await app.slack.event({ teamId: TEAM, event: { ...base, user: ALICE, text: 'how do I use you?' } });

    await fake.waitFor(() => fake.callsTo('chat.postMessage').length === 1);
    // Every event has been handled to the end before counting what was posted.
    await expect.poll(() => handledMessages(app), { timeout: 5000 }).toBe(4);
    const posts = fake.callsTo('chat.postMessage');
    expect(posts).toHaveLength(1);
    expect(posts[0]?.params.channel).toBe(dm);
    expect(String(posts[0]?.params.text)).toContain('/careerplan help');
    expect(validateMessage({ blocks: posts[0]?.params.blocks })).toEqual([]);
    expect(JSON.stringify(posts[0]?.params.blocks)).toContain('home_show_help');
    expect(fake.violations).toEqual([]);
  });

  it('answers in the thread when the member wrote in one', async () => {
    fake.reset();
    const dm = fake.dmChannelFor(TEAM, ALICE);
    const parent = await app.running.deps.clients
      .forToken('xoxb-test-team1-token')
      .chat.postMessage({ channel: dm, text: 'a reminder' });
    await app.slack.event({
      teamId: TEAM,
      event: {
        type: 'message',
        channel: dm,
        channel_type: 'im',
        user: ALICE,
        text: '?',
        ts: '1700000001.000100',
        thread_ts: parent.ts,
      },
    });
    await fake.waitFor(() => fake.callsTo('chat.postMessage').length === 2);
    expect(fake.callsTo('chat.postMessage')[1]?.params.thread_ts).toBe(parent.ts);
  });
});
