import { describe, expect, it } from 'vitest';
import { createResponses } from '../../../src/sandbox/responses.ts';
import { FakeSlackModel, type FakeWorkspace } from '../../../src/sandbox/slack/fake-slack-model.ts';

const workspace: FakeWorkspace = {
  teamId: 'T1',
  teamName: 'Team',
  botToken: 'xoxb-1',
  botUserId: 'UBOT',
  botId: 'B1',
  appId: 'A1',
};

function setup() {
  const model = new FakeSlackModel();
  const violations: string[] = [];
  const responses = createResponses(model, workspace, violations);
  const botMessage = (text: string) => {
    responses.inChannel('C1', { text });
    return model.messages.at(-1)?.ts as string;
  };
  return { model, violations, responses, botMessage };
}

describe('sandbox responses (slash command answers and response URLs, as Slack applies them)', () => {
  it('a command acknowledgement is ephemeral unless in_channel; plain text counts as text', () => {
    const { model, responses } = setup();
    const target = { userId: 'U1', channelId: 'C1', createdAt: 0 };
    responses.commandAck(target, '');
    expect(model.ephemerals).toEqual([]);
    responses.commandAck(target, JSON.stringify({ response_type: 'ephemeral', text: 'only you' }));
    responses.commandAck(target, 'plain words');
    expect(model.ephemerals.map((e) => [e.user, e.channelId, (e.body as { text: string }).text])).toEqual([
      ['U1', 'C1', 'only you'],
      ['U1', 'C1', 'plain words'],
    ]);
    responses.commandAck(target, JSON.stringify({ response_type: 'in_channel', text: 'everyone' }));
    expect(model.messages.map((m) => [m.user, m.text])).toEqual([['UBOT', 'everyone']]);
  });

  it('on a message action, a response replaces the message unless replace_original is false', () => {
    const { model, responses, botMessage } = setup();
    const ts = botMessage('reminder');
    const target = { userId: 'U1', channelId: 'C1', messageTs: ts, createdAt: 0 };
    expect(responses.apply(target, { text: 'snoozed' })).toBe(200);
    expect(model.messages.map((m) => m.text)).toEqual(['snoozed']);
    expect(responses.apply(target, { replace_original: false, text: 'not yours' })).toBe(200);
    expect(model.messages.map((m) => m.text)).toEqual(['snoozed']);
    expect(model.ephemerals.map((e) => (e.body as { text: string }).text)).toEqual(['not yours']);
  });

  it('replaces and deletes an ephemeral message in place, for its person only', () => {
    const { model, responses } = setup();
    responses.ephemeral('U1', 'C1', { text: 'pick one' });
    const ts = model.ephemerals[0]?.ts as string;
    expect(
      responses.apply(
        { userId: 'U2', channelId: 'C1', messageTs: ts, ephemeral: true, createdAt: 0 },
        { text: 'x' },
      ),
    ).toBe(404);
    const mine = { userId: 'U1', channelId: 'C1', messageTs: ts, ephemeral: true, createdAt: 0 };
    expect(responses.apply(mine, { text: 'picked' })).toBe(200);
    expect(model.ephemerals[0]?.body).toEqual({ text: 'picked' });
    expect(responses.apply(mine, { delete_original: true })).toBe(200);
    expect(model.ephemerals).toEqual([]);
  });

  it('refuses what Slack refuses: no text or blocks, or blocks over the limits', () => {
    const { model, violations, responses } = setup();
    const target = { userId: 'U1', channelId: 'C1', createdAt: 0 };
    expect(responses.apply(target, {})).toBe(400);
    const tooMany = Array.from({ length: 51 }, () => ({ type: 'divider' }));
    expect(responses.apply(target, { text: 't', blocks: tooMany })).toBe(400);
    expect(model.ephemerals).toEqual([]);
    expect(violations.length).toBeGreaterThanOrEqual(2);
  });
});
