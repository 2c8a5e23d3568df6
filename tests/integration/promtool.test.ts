import { execFileSync, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * promtool (Debian: `apt-get install prometheus`) validates ops/prometheus.yml and ops/alerts.yml
 * and runs the alert unit tests in ops/alerts.test.yml. Skipped where promtool is not installed;
 * tests/unit/ops-monitoring.test.ts still checks every metric name then.
 */
const OPS = fileURLToPath(new URL('../../ops/', import.meta.url));
const hasPromtool = spawnSync('promtool', ['--version'], { stdio: 'ignore' }).status === 0;

const promtool = (...args: string[]) =>
  execFileSync('promtool', args, { cwd: OPS, encoding: 'utf8', stdio: 'pipe' });

describe.skipIf(!hasPromtool)('promtool', () => {
  it('accepts ops/prometheus.yml and the rule file it loads', () => {
    expect(promtool('check', 'config', 'prometheus.yml')).toContain('SUCCESS');
    expect(promtool('check', 'rules', 'alerts.yml')).toContain('SUCCESS: 6 rules found');
  });

  it('passes the alert rule unit tests (each alert fires on its trouble, not on healthy series)', () => {
    expect(promtool('test', 'rules', 'alerts.test.yml')).toContain('SUCCESS');
  });
});
