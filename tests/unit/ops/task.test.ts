import { describe, expect, it } from 'vitest';
import {
  deliveryStatesFor,
  deliveryStateToStatus,
  parseTaskFilter,
  parseTaskId,
  TASK_STATUSES,
} from '../../../src/ops/tasks/task.ts';

const NOW = new Date('2026-12-01T12:00:00Z');
const filter = (qs: string) => parseTaskFilter(new URLSearchParams(qs), NOW);

describe('task ids', () => {
  it('reads queue:jobId, and reminders as their delivery row and round', () => {
    expect(parseTaskId('housekeeping:17')).toEqual({ source: 'job', queue: 'housekeeping', jobId: '17' });
    expect(parseTaskId('housekeeping:repeat:reconcile-rituals:1700000000000')).toMatchObject({
      source: 'job',
      jobId: 'repeat:reconcile-rituals:1700000000000',
    });
    expect(parseTaskId('delivery:fanout__42')).toEqual({
      source: 'job',
      queue: 'delivery',
      jobId: 'fanout__42',
    });
    expect(parseTaskId('delivery:deliver__1234__3')).toEqual({
      source: 'delivery',
      queue: 'delivery',
      jobId: 'deliver__1234__3',
      deliveryId: '1234',
      round: 3,
    });
  });

  it.each([
    '17',
    'mail:17',
    'housekeeping:',
    'housekeeping:a/b',
    'housekeeping:a b',
    `housekeeping:${'x'.repeat(201)}`,
  ])('refuses %s', (id) => expect(parseTaskId(id)).toBeUndefined());
});

describe('reminder states as task statuses', () => {
  it('map both ways consistently', () => {
    for (const status of TASK_STATUSES)
      for (const state of deliveryStatesFor(status)) expect(deliveryStateToStatus(state)).toBe(status);
    expect(deliveryStateToStatus('skipped')).toBe('done');
  });
});

describe('task filters', () => {
  it('reads status, since (absolute or a span back), name, team, user and limit', () => {
    expect(filter('')).toEqual({ ok: true, filter: { limit: 100 } });
    expect(filter('status=failed&since=12h&name=deliver&team=T0TEAM1&user=U0ALICE&limit=5')).toEqual({
      ok: true,
      filter: {
        status: 'failed',
        since: new Date('2026-12-01T00:00:00Z'),
        name: 'deliver',
        teamId: 'T0TEAM1',
        userId: 'U0ALICE',
        limit: 5,
      },
    });
    expect(filter('since=7d')).toMatchObject({ filter: { since: new Date('2026-11-24T12:00:00Z') } });
    expect(filter('since=90m')).toMatchObject({ filter: { since: new Date('2026-12-01T10:30:00Z') } });
    expect(filter('since=2026-11-30T22:00:00Z')).toMatchObject({
      filter: { since: new Date('2026-11-30T22:00:00Z') },
    });
  });

  it.each([
    ['status=lost', 'bad_status'],
    ['since=yesterday', 'bad_since'],
    ['since=2026-13-45', 'bad_since'],
    ['name=DROP TABLE', 'bad_name'],
    ['team=acme', 'bad_team'],
    ['limit=501', 'bad_limit'],
  ])('%s → %s', (qs, error) => {
    expect(filter(qs)).toMatchObject({ ok: false, error });
  });
});
