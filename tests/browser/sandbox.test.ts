/**
 * The sandbox in a real headless Chromium: a person types commands, fills modals, clicks
 * buttons, and sees what careerplan answered, rendered from the Slack stand-in's state.
 */
import { deflateSync } from 'node:zlib';
import { WebClient } from '@slack/web-api';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_TEAM } from '../../src/sandbox/demo-workspace.ts';
import { type Chromium, launchChromium } from '../support/chromium.ts';
import { startTestSandbox, type TestSandbox } from '../support/sandbox.ts';

/** A real PNG (a 2×2 green square), built here so the test needs no fixture file. */
function tinyPng(): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf: Buffer) => {
    let c = 0xffffffff;
    for (const byte of buf) c = (crcTable[(c ^ byte) & 0xff] as number) ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const out = Buffer.alloc(8 + data.length + 4);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc(body), 8 + data.length);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(2, 0);
  header.writeUInt32BE(2, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  const row = Buffer.from([0, 0x2b, 0xac, 0x76, 0x2b, 0xac, 0x76]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat([row, row]))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

describe('the sandbox page in Chromium', () => {
  let test: TestSandbox;
  let chromium: Chromium;
  let page: Page;

  beforeAll(async () => {
    [test, chromium] = await Promise.all([startTestSandbox(), launchChromium()]);
    page = chromium.page;
    page.setDefaultTimeout(15_000);
  });
  afterAll(async () => {
    await chromium?.close();
    await test?.cleanup();
  });

  /** Opens the page as `userId` on `pane` (a channel id or 'home') and waits for it to load. */
  const open = async (userId: string, pane: string) => {
    await page.goto(`${test.sandbox.url}?as=${userId}#${pane}`);
    await page.locator('#nav-engineering').waitFor();
  };
  const type = async (text: string) => {
    await page.fill('#composer-text', text);
    await page.press('#composer-text', 'Enter');
  };
  const modal = (callbackId: string) => page.locator(`form.modal[data-callback-id="${callbackId}"]`);

  it('/careerplan help shows the help, only to the person who typed it', async () => {
    await open('U0OLIVER', 'C0ENGINEERING');
    await type('/careerplan help');
    const help = page.locator('.msg.ephemeral', { hasText: 'your career plan in Slack' });
    await help.waitFor();
    expect(await help.textContent()).toContain('Only visible to you');
    expect(await help.textContent()).toContain('/careerplan goal');
    const lena = (await (await fetch(`${test.sandbox.url}/state?as=U0LENA`)).json()) as {
      conversations: Record<string, unknown[]>;
    };
    expect(lena.conversations.C0ENGINEERING).toEqual([]);
  });

  it('/careerplan goal opens the modal; after submitting, App Home shows the goal', async () => {
    await open('U0LENA', 'DU0LENA');
    await type('/careerplan goal');
    const form = modal('plans_goal');
    await form.waitFor();
    await form.locator('[data-block="track"] select').selectOption('staff');
    await form
      .locator('[data-block="destination"] textarea')
      .fill('Lead the architecture of our payments platform');
    await form.locator('[data-block="horizonYears"] input').fill('3');
    await form.locator('[data-block="currentLevel"] select').selectOption('L4');
    await form.locator('[data-block="targetLevel"] select').selectOption('L6');
    await form.locator('[data-modal-submit]').click();
    await form.waitFor({ state: 'detached' });

    await page.click('#nav-home');
    await page.locator('.home-tab', { hasText: 'Lead the architecture of our payments platform' }).waitFor();
    expect(test.sandbox.fake.violations).toEqual([]);
  });

  it('a field error from response_action: errors appears under its field, and the typed text stays', async () => {
    await open('U0PRIYA', 'DU0PRIYA');
    await type('/careerplan goal');
    const form = modal('plans_goal');
    await form.waitFor();
    await form.locator('[data-block="track"] select').selectOption('staff');
    await form.locator('[data-block="destination"] textarea').fill('Own reliability for our public API');
    await form.locator('[data-block="horizonYears"] input').fill('7');
    await form.locator('[data-block="currentLevel"] select').selectOption('L5');
    await form.locator('[data-block="targetLevel"] select').selectOption('L6');
    await form.locator('[data-modal-submit]').click();

    const error = form.locator('[data-block="horizonYears"] .field-error');
    await error.waitFor();
    expect(await error.textContent()).toContain('from 2 to 5');
    expect(await form.locator('.field-error').count()).toBe(1);
    expect(await form.locator('[data-block="destination"] textarea').inputValue()).toBe(
      'Own reliability for our public API',
    );

    await form.locator('[data-block="horizonYears"] input').fill('4');
    await form.locator('[data-modal-submit]').click();
    await form.waitFor({ state: 'detached' });
  });

  it('the admin sets up and runs the contribution ritual; a member snoozes the DM and sees it change', async () => {
    await open('U0MAYA', 'C0ENGINEERING');
    await type('/careerplan ritual setup contribution');
    const setup = modal('ritual_setup');
    await setup.waitFor();
    await setup.locator('[data-block="channel"] select').selectOption('C0ENGINEERING');
    await setup.locator('[data-modal-submit]').click();
    await setup.waitFor({ state: 'detached' });
    await type('/careerplan ritual run contribution');
    await page.locator('.msg.ephemeral', { hasText: 'Running' }).waitFor();

    await page.locator('#as').selectOption('U0OLIVER');
    await page.click('#nav-dm');
    const reminder = page.locator('.msg', { hasText: 'What did you contribute this month?' });
    await reminder.waitFor({ timeout: 30_000 });
    await reminder.getByRole('button', { name: 'Snooze 1 hour' }).click();
    await page.locator('.msg', { hasText: 'Snoozed' }).waitFor();
    expect(await page.getByRole('button', { name: 'Snooze 1 hour' }).count()).toBe(0);
    expect(test.sandbox.fake.violations).toEqual([]);
  });

  it('a PNG the bot uploads to a channel is shown as an image', async () => {
    // Uploaded the way the app uploads files: files.uploadV2 through SLACK_API_URL with the bot token.
    const slack = new WebClient(DEMO_TEAM.botToken, { slackApiUrl: test.sandbox.fake.url });
    await slack.filesUploadV2({
      channel_id: 'C0GENERAL',
      file: tinyPng(),
      filename: 'okr-progress.png',
      title: 'OKR progress',
    });
    await open('U0ANA', 'C0GENERAL');
    const image = page.locator('figure.file.image img[alt="OKR progress"]');
    await image.waitFor();
    // Loaded and decoded: the browser read the bytes as the 2×2 PNG they are.
    await page.waitForFunction("document.querySelector('figure.file.image img')?.naturalWidth === 2");
  });
});
