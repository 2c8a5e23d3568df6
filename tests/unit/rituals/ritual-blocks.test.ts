import { describe, expect, it } from 'vitest';
import type { Ritual } from '../../../src/domain/rituals/ritual.ts';
import { validateBlocks, validateView } from '../../../src/sandbox/slack/block-kit-limits.ts';
import { reminderMessage } from '../../../src/slack/blocks/reminders.ts';
import { contributionModal } from '../../../src/slack/blocks/rituals/contribution-modal.ts';
import { contributionsMessage } from '../../../src/slack/blocks/rituals/contributions-list.ts';
import { ritualListMessage } from '../../../src/slack/blocks/rituals/ritual-list.ts';
import { ritualSetupModal } from '../../../src/slack/blocks/rituals/ritual-setup-modal.ts';
import { teamModal } from '../../../src/slack/blocks/rituals/team-modal.ts';
import { parseReminderValue } from '../../../src/slack/ids-rituals.ts';

const ritual: Ritual = {
  id: '1',
  teamId: 'T1',
  name: 'contribution',
  channelId: 'C1',
  cadence: { kind: 'monthly_first_workday' },
  localTime: { hour: 10, minute: 0 },
  audience: 'dm',
  timeZone: null,
  paused: false,
  scheduleSince: new Date(),
};

describe('ritual Block Kit', () => {
  it('reminder carries do-it-now, snooze and skip with the delivery round', () => {
    const message = reminderMessage('contribution', '42', 3);
    expect(validateBlocks(message.blocks, 'message')).toEqual([]);
    const values = JSON.stringify(message.blocks).match(/"value":"([^"]+)"/g) ?? [];
    expect(values).toHaveLength(4);
    expect(parseReminderValue('42:3')).toEqual({ deliveryId: '42', round: 3 });
    expect(parseReminderValue('nope')).toBeUndefined();
    for (const id of ['reminder_do_now', 'reminder_snooze_1h', 'reminder_snooze_tomorrow', 'reminder_skip']) {
      expect(JSON.stringify(message.blocks)).toContain(id);
    }
  });

  it('modals and lists stay within Slack limits', () => {
    expect(validateView(contributionModal('7'))).toEqual([]);
    expect(validateView(ritualSetupModal(ritual))).toEqual([]);
    expect(
      validateView(
        teamModal(
          { workWeek: [1, 2, 3], holidays: ['2026-12-25'], timeZone: 'UTC' },
          new Map([['2026-12-25', 'Xmas']]),
        ),
      ),
    ).toEqual([]);
    expect(
      validateBlocks(
        ritualListMessage([ritual, { ...ritual, name: 'learning-hour', channelId: null }], 'UTC').blocks,
        'message',
      ),
    ).toEqual([]);
    const many = Array.from({ length: 60 }, (_, i) => ({
      id: String(i),
      kind: 'feature',
      title: `Thing ${i}`,
      link: i % 2 ? 'https://example.com' : null,
      impact: 'x'.repeat(500),
      occurredOn: `2026-${String((i % 12) + 1).padStart(2, '0')}-01`,
      source: 'contribution',
    }));
    const list = contributionsMessage(many, '2026-11');
    expect(validateBlocks(list.blocks, 'message')).toEqual([]);
    expect(JSON.stringify(list.blocks)).toContain('30 earlier ones');
  });
});
