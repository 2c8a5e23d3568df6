import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { PermanentJobError } from '../../../src/jobs/errors.ts';
import { createFeatureJobHandler, type FeatureJob } from '../../../src/jobs/handlers/feature-job.ts';

describe('feature jobs', () => {
  const seen: unknown[] = [];
  const jobs = new Map<string, FeatureJob>([
    [
      'digests.post-now',
      {
        schema: z.object({ ritualId: z.string().regex(/^\d+$/) }),
        run: async (data) => void seen.push(data),
      },
    ],
  ]);
  const handle = createFeatureJobHandler(jobs);

  it('runs the declared job with its data checked against the feature’s schema', async () => {
    await handle({ job: 'digests.post-now', data: { ritualId: '42' } });
    expect(seen).toEqual([{ ritualId: '42' }]);
  });

  it('fails without retries on an unknown job or data that does not match', async () => {
    await expect(handle({ job: 'digests.nope', data: {} })).rejects.toBeInstanceOf(PermanentJobError);
    await expect(handle({ job: 'digests.post-now', data: { ritualId: 'x' } })).rejects.toBeInstanceOf(
      PermanentJobError,
    );
    expect(seen).toHaveLength(1);
  });
});
