import { describe, expect, it } from 'vitest';
import type { ErasureRecord } from '../../../src/domain/privacy/erasure.repository.ts';
import { createErasureService } from '../../../src/domain/privacy/erasure.service.ts';
import { describeErased, describeStored, mentionedUser } from '../../../src/domain/privacy/erasure.ts';

describe('delete-my-data rules', () => {
  it('describes what is stored, table by table, in words (unknown tables by name)', () => {
    expect(
      describeStored({
        members: 1,
        milestones: 1,
        objectives: 2,
        activity_events: 0,
        skill_assessments: 3,
        outbox: 4,
      }),
    ).toEqual([
      'your stored Slack profile (name, time zone, pause setting)',
      '1 milestone',
      '2 objectives',
      '4 messages careerplan sent you or planned for you',
      '3 × skill assessments',
    ]);
  });

  it('describes what each erase hook reports, zeros left out', () => {
    expect(
      describeErased({
        'plans.objectives': 2,
        'core.profile': 1,
        'skills.assessmentHistory': 5,
        'rituals.optOuts': 0,
      }),
    ).toEqual(['Objectives: 2', 'Stored Slack profile: 1', 'Assessment history (skills): 5']);
  });

  it('reads a mention as Slack sends it', () => {
    expect(mentionedUser('<@U0CAROL|carol>')).toBe('U0CAROL');
    expect(mentionedUser(' <@W12345> ')).toBe('W12345');
    for (const text of ['@carol', 'U0CAROL', '<#C123|general>', '<@U0CAROL|carol> more'])
      expect(mentionedUser(text)).toBeNull();
  });

  it('cancels reminders first, then erases, then checks what is left, then audits counts only', async () => {
    const steps: string[] = [];
    const audits: ErasureRecord[] = [];
    let stored: Record<string, number> = { members: 1, new_feature_rows: 2 };
    const service = createErasureService({
      inventory: async () => {
        steps.push('inventory');
        return stored;
      },
      cancelReminders: async () => {
        steps.push('cancel');
        return 3;
      },
      eraseEverywhere: async () => {
        steps.push('erase');
        // A feature without an erase hook leaves its rows behind.
        stored = { new_feature_rows: 2 };
        return { 'core.profile': 1 };
      },
      audit: {
        record: async (entry) => {
          steps.push('audit');
          audits.push(entry);
        },
      },
    });
    expect(await service.preview({ teamId: 'T1', userId: 'UB' })).toEqual({
      members: 1,
      new_feature_rows: 2,
    });
    steps.length = 0;
    const result = await service.erase({ teamId: 'T1', userId: 'UB' }, 'UA');
    expect(steps).toEqual(['cancel', 'erase', 'inventory', 'audit']);
    expect(result).toEqual({
      erased: { 'core.profile': 1 },
      cancelledReminders: 3,
      leftOver: { new_feature_rows: 2 },
    });
    expect(audits).toEqual([
      {
        teamId: 'T1',
        subjectId: 'UB',
        actorId: 'UA',
        counts: { 'core.profile': 1, 'reminders.cancelled': 3 },
      },
    ]);
  });
});
