import { WebClient } from '@slack/web-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeSlack, startFakeSlack } from '../../../src/sandbox/slack/fake-slack.ts';

/** The fake's canvases and permalinks behave like Slack's, refusals included. */
describe('fake Slack: canvases and permalinks', () => {
  let fake: FakeSlack;
  let t1: WebClient;
  let t2: WebClient;

  const error = async (call: Promise<unknown>) => {
    try {
      await call;
    } catch (e) {
      return (e as { data?: { error?: string } }).data?.error;
    }
    throw new Error('expected the call to fail');
  };

  beforeAll(async () => {
    fake = await startFakeSlack();
    fake.addWorkspace({ teamId: 'T1', teamName: 'Acme', botToken: 'xoxb-t1' });
    fake.addWorkspace({ teamId: 'T2', teamName: 'Globex', botToken: 'xoxb-t2' });
    fake.addUser({ teamId: 'T1', userId: 'U1' });
    fake.addChannel({ teamId: 'T1', channelId: 'C1', members: ['U1'] });
    t1 = new WebClient('xoxb-t1', { slackApiUrl: fake.url, retryConfig: { retries: 0 } });
    t2 = new WebClient('xoxb-t2', { slackApiUrl: fake.url, retryConfig: { retries: 0 } });
  });
  afterAll(() => fake.close());

  it('keeps a canvas’s Markdown and who may open it; other workspaces cannot touch it', async () => {
    const created = await t1.canvases.create({
      title: 'Plan',
      document_content: { type: 'markdown', markdown: '# Hi' },
    });
    const id = String(created.canvas_id);
    await t1.canvases.access.set({ canvas_id: id, access_level: 'write', user_ids: ['U1'] });
    expect(fake.canvases()).toEqual([
      { canvasId: id, teamId: 'T1', title: 'Plan', markdown: '# Hi', access: { U1: 'write' } },
    ]);
    expect(
      await error(t2.canvases.access.set({ canvas_id: id, access_level: 'read', user_ids: ['U1'] })),
    ).toBe('canvas_not_found');
    expect(
      await error(t1.canvases.access.set({ canvas_id: id, access_level: 'read', user_ids: ['U404'] })),
    ).toBe('user_not_found');
    await t1.canvases.delete({ canvas_id: id });
    expect(fake.canvases()).toEqual([]);
  });

  it('a workspace can refuse canvases, until allowed again', async () => {
    fake.refuseCanvases('T1', 'canvas_disabled_user_team');
    expect(await error(t1.canvases.create({ title: 'x' }))).toBe('canvas_disabled_user_team');
    fake.refuseCanvases('T1', undefined);
    expect((await t1.canvases.create({ title: 'x' })).ok).toBe(true);
  });

  it('gives permalinks for messages of channels it knows, bot member or not', async () => {
    const ts = fake.postUserMessage({ teamId: 'T1', channelId: 'C1', userId: 'U1', text: 'shipped' });
    const answer = await t1.chat.getPermalink({ channel: 'C1', message_ts: ts });
    expect(answer.permalink).toBe(`https://acme.slack.com/archives/C1/p${ts.replace('.', '')}`);
    expect(await error(t1.chat.getPermalink({ channel: 'C1', message_ts: '1.000001' }))).toBe(
      'message_not_found',
    );
    expect(await error(t2.chat.getPermalink({ channel: 'C1', message_ts: ts }))).toBe('channel_not_found');
  });
});
