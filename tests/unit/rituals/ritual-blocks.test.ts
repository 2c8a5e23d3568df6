import { describe, expect, it } from 'vitest';
import type { Ritual } from '../../../src/domain/rituals/ritual.ts';
import { createRitualTypes } from '../../../src/domain/rituals/ritual-types.ts';
import { contributionModal } from '../../../src/slack/features/rituals/blocks/contribution-modal.ts';
import { contributionsMessage } from '../../../src/slack/features/rituals/blocks/contributions-list.ts';
import { notificationText, reminderMessage } from '../../../src/slack/features/rituals/blocks/reminders.ts';
import { ritualListMessage } from '../../../src/slack/features/rituals/blocks/ritual-list.ts';
import { ritualSetupModal } from '../../../src/slack/features/rituals/blocks/ritual-setup-modal.ts';
import { teamModal } from '../../../src/slack/features/rituals/blocks/team-modal.ts';
import { parseReminderValue } from '../../../src/slack/features/rituals/ids.ts';
import { contributionRitual } from '../../../src/slack/features/rituals/ritual-types.ts';

const types = createRitualTypes([
  contributionRitual.type,
  { ...contributionRitual.type, name: 'learning-hour', audience: 'channel' },
]);

import { validateBlocks, validateView } from '../../../src/sandbox/slack/block-kit-limits.ts';

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
    const message = reminderMessage(contributionRitual.prompt, '42', 3);
    expect(validateBlocks(message.blocks, 'message')).toEqual([]);
    // The notification reads as words, not emoji codes.
    expect(message.text).toMatch(/^What did you contribute this month\? A feature/);
    expect(notificationText(':books: *What* did _you_ ~learn~?')).toBe('What did you learn?');
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
    expect(validateView(ritualSetupModal(ritual, contributionRitual.type, 'Europe/Berlin'))).toEqual([]);
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
        ritualListMessage([ritual, { ...ritual, name: 'learning-hour', channelId: null }], 'UTC', types)
          .blocks,
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

  it('escapes what members typed in contributions, so nobody is pinged', () => {
    const evil = {
      id: '1',
      kind: 'feature',
      title: '<!channel> look',
      link: 'https://example.com/a>b',
      impact: 'cc <@U123> & <!here>',
      occurredOn: '2026-11-02',
      source: 'contribution',
    };
    const text = JSON.stringify(
      contributionsMessage([evil, { ...evil, id: '2', link: null }], '2026-11').blocks,
    );
    expect(text).not.toMatch(/<!channel>|<!here>|<@U123>/);
    expect(text).toContain('&lt;!channel&gt; look');
    expect(text).toContain('&amp;');
  });
});
