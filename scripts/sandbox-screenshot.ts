/**
 * `npm run sandbox:screenshot`: regenerates docs/sandbox.png, the README's picture of the
 * sandbox. It starts the sandbox on a throwaway database and Redis prefix, fills it with the demo
 * data (through the app, as the button does), opens a member's Home tab in Debian's Chromium and
 * takes the screenshot. Needs Postgres, Redis and /usr/bin/chromium.
 */
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { createLogger } from '../src/ops/logger.ts';
import { startSandbox } from '../src/sandbox/start.ts';
import { launchChromium } from '../tests/support/chromium.ts';
import { TEST_REDIS_URL } from '../tests/support/redis.ts';
import { cleanUp, createDatabase, out, runBenchmark } from './bench-support.ts';

const OUTPUT = resolve(import.meta.dirname, '../docs/sandbox.png');

runBenchmark(async () => {
  const database = await createDatabase();
  const queuePrefix = `cp-shot-${randomBytes(4).toString('hex')}`;
  const sandbox = await startSandbox(
    { PORT: '0', DATABASE_URL: database.url, REDIS_URL: TEST_REDIS_URL, QUEUE_PREFIX: queuePrefix },
    { logger: createLogger('silent') },
  );
  const chromium = await launchChromium({ width: 1280, height: 800 });
  try {
    await sandbox.operations.demo();
    const status = sandbox.operations.demoStatus().message ?? '';
    if (!status.startsWith('Demo data ready')) throw new Error(status);
    const page = chromium.page;
    await page.goto(`${sandbox.url}?as=U0OLIVER#home`);
    await page.locator('.home-tab', { hasText: 'payments platform' }).waitFor({ timeout: 15_000 });
    await page.screenshot({ path: OUTPUT });
    out(`wrote ${OUTPUT}`);
  } finally {
    await chromium.close();
    await sandbox.stop();
    await cleanUp(database.name, queuePrefix);
  }
});
