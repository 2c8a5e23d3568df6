import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createFeatureRegistry } from '../../../src/slack/feature-registry.ts';
import type { SlackFeature } from '../../../src/slack/kit/feature.ts';

const job = { schema: z.object({}), run: async () => {} };

describe('feature schedules', () => {
  it('are collected with their job names qualified by the feature', () => {
    const registry = createFeatureRegistry([
      {
        name: 'leaderboard',
        jobs: { tick: job },
        schedules: [{ id: 'lb-tick', job: 'tick', everyMs: 300_000 }],
      },
    ]);
    expect(registry.schedules).toEqual([{ id: 'lb-tick', job: 'leaderboard.tick', everyMs: 300_000 }]);
    expect(registry.jobs.has('leaderboard.tick')).toBe(true);
  });

  it('refuse a schedule of a job the feature does not declare, and an id claimed twice', () => {
    const orphan: SlackFeature = { name: 'a', schedules: [{ id: 'x', job: 'missing', everyMs: 1000 }] };
    expect(() => createFeatureRegistry([orphan])).toThrow('schedule "x" names no job of a');
    const one: SlackFeature = {
      name: 'a',
      jobs: { j: job },
      schedules: [{ id: 'same', job: 'j', everyMs: 1000 }],
    };
    const two: SlackFeature = {
      name: 'b',
      jobs: { j: job },
      schedules: [{ id: 'same', job: 'j', everyMs: 1000 }],
    };
    expect(() => createFeatureRegistry([one, two])).toThrow('schedule "same" declared twice');
  });
});
