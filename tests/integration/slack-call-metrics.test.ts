import { WebClient } from '@slack/web-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMetrics } from '../../src/ops/metrics.ts';
import { type FakeSlack, startFakeSlack } from '../../src/sandbox/slack/fake-slack.ts';
import { backgroundClientOptions, instrumentedFetch } from '../../src/slack-api/web-client.ts';
import { BOT_TOKEN, seedWorkspace, TEAM } from '../support/app-harness.ts';

async function callsByLabel(metrics: ReturnType<typeof createMetrics>): Promise<Record<string, number>> {
  const metric = await metrics.slackApiCalls.get();
  return Object.fromEntries(metric.values.map((v) => [`${v.labels.method}/${v.labels.outcome}`, v.value]));
}

describe('Slack call metrics', () => {
  let fake: FakeSlack;

  beforeAll(async () => {
    fake = await startFakeSlack();
    seedWorkspace(fake);
  });
  afterAll(async () => {
    await fake?.close();
  });

  it('counts a file upload as method="upload" judged by HTTP status, never as an unknown error', async () => {
    const metrics = createMetrics();
    const client = new WebClient(BOT_TOKEN, backgroundClientOptions(fake.url, metrics));
    await client.files.uploadV2({
      channel_id: fake.dmChannelFor(TEAM, 'U0ALICE'),
      content: '# plan',
      filename: 'plan.md',
      title: 'plan',
    });
    expect(fake.uploadedFiles()).toHaveLength(1);
    const counts = await callsByLabel(metrics);
    expect(counts).toMatchObject({
      'files.getUploadURLExternal/ok': 1,
      'upload/ok': 1,
      'files.completeUploadExternal/ok': 1,
    });
    expect(Object.keys(counts).filter((k) => k.startsWith('unknown') || k.endsWith('/error'))).toEqual([]);
  });

  it('an upload URL that answers 404 counts as an upload error', async () => {
    const metrics = createMetrics();
    const response = await instrumentedFetch(metrics)(`${fake.baseUrl}/upload/F0MISSING`, {
      method: 'POST',
      body: 'x',
    });
    expect(response.status).toBe(404);
    expect(await callsByLabel(metrics)).toEqual({ 'upload/error': 1 });
  });
});
