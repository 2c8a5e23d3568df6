import { describe, expect, it } from 'vitest';
import { DEFAULT_LADDER, renderPlanMarkdown } from '../../../src/domain/plans/index.ts';

describe('renderPlanMarkdown', () => {
  it('renders every section with progress bars', () => {
    const md = renderPlanMarkdown({
      memberName: 'Ada Lovelace',
      northStar: {
        track: 'staff',
        destination: 'Lead the architecture\nof our payments platform',
        horizonYears: 3,
        currentLevel: 'L4',
        targetLevel: 'L6',
      },
      ladder: DEFAULT_LADDER,
      milestones: [
        {
          id: '2',
          kind: 'visibility',
          title: 'Give a talk',
          dueDate: '2026-11-01',
          status: 'planned',
          evidenceUrl: null,
        },
        {
          id: '1',
          kind: 'delivery',
          title: 'Ship billing',
          dueDate: '2026-07-01',
          status: 'done',
          evidenceUrl: 'https://example.com/wiki/Billing_(2026)',
        },
        {
          id: '3',
          kind: 'mastery',
          title: 'Dropped one',
          dueDate: '2026-08-01',
          status: 'dropped',
          evidenceUrl: null,
        },
      ],
      quarter: { year: 2026, q: 3 },
      objectives: [
        {
          title: 'Make checkout fast',
          keyResults: [
            { title: 'Cut p95 latency', kind: 'metric', start: 800, target: 200, current: 500, unit: 'ms' },
            { title: 'Write the runbook', kind: 'percent', current: 100 },
          ],
        },
        { title: 'Grow as a mentor', keyResults: [] },
      ],
      skillsSection: '| Skill | Now | Target |\n| --- | --- | --- |\n| Kafka | 2 | 4 |',
      generatedOn: '2026-07-15',
    });

    expect(md).toContain('# Career plan: Ada Lovelace');
    expect(md).toContain('## Long-term goal');
    expect(md).toContain('> Lead the architecture\n> of our payments platform');
    expect(md).toContain('Staff / architect');
    expect(md).toContain('L4 (Software Engineer II) → L6 (Staff Software Engineer)');
    expect(md).toContain('## 12-month milestones');
    expect(md.indexOf('Ship billing')).toBeLessThan(md.indexOf('Give a talk'));
    expect(md).toContain('- [x] **Ship billing**');
    expect(md).toContain('[evidence](https://example.com/wiki/Billing_%282026%29)');
    expect(md).not.toContain('Dropped one');
    expect(md).toContain('## OKRs for 2026-Q3');
    expect(md).toContain('### 1. Make checkout fast');
    expect(md).toContain('Overall: `▓▓▓▓▓▓▓░░░ 75%`');
    expect(md).toContain('1. Cut p95 latency (800 → 200 ms, now 500) `▓▓▓▓▓░░░░░ 50%`');
    expect(md).toContain('2. Write the runbook (100%) `▓▓▓▓▓▓▓▓▓▓ 100%`');
    expect(md).toContain('_No key results yet._');
    expect(md).toContain('## Skills');
    expect(md).toContain('| Kafka | 2 | 4 |');
    expect(md.endsWith('\n')).toBe(true);
  });

  it('says what is missing for a new member', () => {
    const md = renderPlanMarkdown({
      memberName: 'New Person',
      northStar: null,
      ladder: DEFAULT_LADDER,
      milestones: [],
      quarter: { year: 2027, q: 1 },
      objectives: [],
      skillsSection: null,
    });
    expect(md).toContain('No north star yet');
    expect(md).toContain('No milestones yet');
    expect(md).toContain('## OKRs for 2027-Q1');
    expect(md).toContain('No objectives this quarter');
    expect(md).toContain('not assessed yet');
    expect(md).not.toContain('Exported');
  });
});
