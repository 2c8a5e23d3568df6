import { defineConfig } from 'vitest/config';

/** Clones of one migrated template database per run (tests/support/global-setup.ts). */
const withDatabase = { globalSetup: ['tests/support/global-setup.ts'] };

// Three tiers (see docs/architecture.md): unit (no Postgres, no Redis: rules against in-memory
// repositories), integration (real Postgres + Redis), e2e (the whole app over HTTP against the
// fake Slack). Only the last two need the database template, so only they run the global setup:
// `npm run test:unit` works with Postgres and Redis down. `npm test` runs all three.
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
    ],
  },
});
