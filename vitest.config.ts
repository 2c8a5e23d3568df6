import { defineConfig } from 'vitest/config';

// Four tiers (see ARCHITECTURE.md): unit (no I/O), integration (real Postgres + Redis),
// e2e (the whole app over HTTP against the fake Slack), browser (the sandbox page in Debian's
// Chromium). `npm test` runs all four.
export default defineConfig({
  test: {
    env: { TZ: 'UTC', LOG_LEVEL: 'silent' },
    globalSetup: ['tests/support/global-setup.ts'],
    projects: [
      { extends: true, test: { name: 'unit', include: ['tests/unit/**/*.test.ts'] } },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: { name: 'e2e', include: ['tests/e2e/**/*.test.ts'], testTimeout: 60_000, hookTimeout: 60_000 },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['tests/browser/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
