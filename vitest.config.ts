import { defineConfig } from 'vitest/config';

/** Clones of one migrated template database per run (tests/support/global-setup.ts). */
const withDatabase = { globalSetup: ['tests/support/global-setup.ts'] };

// Four tiers (see docs/architecture.md): unit (no Postgres, no Redis: rules against in-memory
// repositories), integration (real Postgres + Redis), e2e (the whole app over HTTP against the
// fake Slack), browser (the sandbox page in Debian's Chromium). Only the tiers that need the
// database template run the global setup: `npm run test:unit` works with Postgres and Redis down.
// `npm test` runs all four.
export default defineConfig({
  test: {
    env: { TZ: 'UTC', LOG_LEVEL: 'silent' },
    projects: [
      { extends: true, test: { name: 'unit', include: ['tests/unit/**/*.test.ts'] } },
      {
        extends: true,
        test: {
          ...withDatabase,
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          ...withDatabase,
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          ...withDatabase,
          name: 'browser',
          include: ['tests/browser/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
