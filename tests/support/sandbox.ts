import type { Clock } from '../../src/domain/clock.ts';
import { createLogger } from '../../src/ops/logger.ts';
import { type RunningSandbox, startSandbox } from '../../src/sandbox/start.ts';
import { createTestDatabase, type TestDatabase } from './database.ts';
import { deleteRedisPrefix, TEST_REDIS_URL, uniqueQueuePrefix } from './redis.ts';

export interface TestSandbox {
  sandbox: RunningSandbox;
  database: TestDatabase;
  cleanup(): Promise<void>;
}

/** The whole sandbox in this process on free ports, with its own database and Redis prefix. */
export async function startTestSandbox(options: { clock?: Clock } = {}): Promise<TestSandbox> {
  const database = await createTestDatabase();
  const queuePrefix = uniqueQueuePrefix();
  const sandbox = await startSandbox(
    { PORT: '0', DATABASE_URL: database.url, REDIS_URL: TEST_REDIS_URL, QUEUE_PREFIX: queuePrefix },
    { logger: createLogger('silent'), ...options },
  );
  return {
    sandbox,
    database,
    async cleanup() {
      await sandbox.stop().catch(() => {});
      await database.drop();
      await deleteRedisPrefix(queuePrefix);
    },
  };
}
