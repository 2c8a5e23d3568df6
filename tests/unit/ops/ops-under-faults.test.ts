import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { isConnectionFault } from '../../../src/db/pool-health.ts';
import { createErrorLog } from '../../../src/ops/error-log.ts';
import { readinessChecksFor } from '../../../src/ops/health.ts';
import { createLogger } from '../../../src/ops/logger.ts';
import { createMetrics } from '../../../src/ops/metrics.ts';
import { describeRequest, idPrefix } from '../../../src/slack/middleware/observe.ts';

function memoryLogger() {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  return { logger: createLogger('info', {}, sink), lines: () => lines.map((l) => JSON.parse(l)) };
}

describe('metrics during an outage', () => {
  it('a reader that never answers is skipped: the scrape still returns, and says so', async () => {
    const metrics = createMetrics({ collectTimeoutMs: 50 });
    metrics.addQueueDepthReader(() => new Promise(() => {}));
    metrics.addPoolReader(async () => [{ labels: { state: 'total' }, value: 3 }]);
    const text = await metrics.registry.metrics();
    expect(text).toContain('careerplan_metrics_collector_up{collector="queue"} 0');
    expect(text).toContain('careerplan_metrics_collector_up{collector="pg_pool"} 1');
    expect(text).toContain('careerplan_pg_pool_clients{state="total"} 3');
  });

  it('a reader that fails is skipped the same way', async () => {
    const metrics = createMetrics({ collectTimeoutMs: 50 });
    metrics.addQueueDepthReader(async () => {
      throw new Error('connect ECONNREFUSED 10.0.0.7:6379');
    });
    const text = await metrics.registry.metrics();
    expect(text).toContain('careerplan_metrics_collector_up{collector="queue"} 0');
    expect(text).not.toContain('10.0.0.7');
  });
});

describe('metric labels stay bounded', () => {
  const known = new Set(['okr', 'ritual', 'goal']);
  const command = (text: string) => describeRequest({ command: '/careerplan', text } as never, known);
  const action = (id: string) =>
    describeRequest({ type: 'block_actions', actions: [{ action_id: id }] } as never, known);

  it('unknown subcommands and typed words are "other"', () => {
    expect(command('okr progress 2 60').name).toBe('okr');
    expect(command('').name).toBe('help');
    expect(command('hello').name).toBe('other');
    expect(command('okrr').name).toBe('other');
    expect(command('ritual run contribution').name).toBe('ritual');
  });

  it('actions and views are named by their prefix, never by the record id they carry', () => {
    expect(action('plans_ms_done:123').name).toBe('plans_ms_done');
    expect(action('plans_ms_done:98765').name).toBe('plans_ms_done');
    expect(action('reminder_snooze_1h').name).toBe('reminder_snooze_1h');
    expect(action('kr_12345_target').name).toBe('other');
    expect(idPrefix('a'.repeat(80))).toBe('other');
    expect(idPrefix('weird id!')).toBe('other');
    const names = new Set(Array.from({ length: 500 }, (_, i) => action(`plans_kr_menu:${i}`).name));
    expect([...names]).toEqual(['plans_kr_menu']);
  });
});

describe('readiness by role', () => {
  const checks = { postgres: async () => {}, redis: async () => {} };
  it('the web role needs Postgres only; worker and all need Redis too', () => {
    expect(readinessChecksFor('web', checks).map((c) => c.name)).toEqual(['postgres']);
    expect(readinessChecksFor('worker', checks).map((c) => c.name)).toEqual(['postgres', 'redis']);
    expect(readinessChecksFor('all', checks).map((c) => c.name)).toEqual(['postgres', 'redis']);
  });
});

describe('infrastructure errors are logged as JSON, rate-limited', () => {
  it('one line per kind per interval; the next line says how many were left out', () => {
    let t = 0;
    const { logger, lines } = memoryLogger();
    const log = createErrorLog(logger, { intervalMs: 10_000, now: () => t });
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:6379'), { code: 'ECONNREFUSED' });
    for (let i = 0; i < 50; i++) {
      log.report('redis', refused);
      t += 100;
    }
    log.report('pg-client', new Error('Connection terminated unexpectedly'));
    expect(lines().map((l) => l.source)).toEqual(['redis', 'pg-client']);
    t += 10_000;
    log.report('redis', refused);
    const last = lines().at(-1);
    expect(last).toMatchObject({ level: 'warn', source: 'redis', repeated: 49, msg: 'redis error' });
    expect(last.err.message).toContain('ECONNREFUSED');
  });
});

describe('what counts as a dead connection', () => {
  const pgError = (code: string, message = 'x') => Object.assign(new Error(message), { code });
  it('server answers (statement timeout, constraint) keep the connection; resets and timeouts do not', () => {
    expect(isConnectionFault(pgError('57014', 'canceling statement due to statement timeout'))).toBe(false);
    expect(isConnectionFault(pgError('23505', 'duplicate key'))).toBe(false);
    expect(isConnectionFault(new Error('Query read timeout'))).toBe(true);
    expect(isConnectionFault(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isConnectionFault(pgError('ECONNRESET', 'read ECONNRESET'))).toBe(true);
    expect(isConnectionFault(pgError('57P01', 'terminating connection due to administrator command'))).toBe(
      true,
    );
    expect(isConnectionFault(new Error('timeout exceeded when trying to connect'))).toBe(true);
  });
});
