import type { RitualTypeEdge } from '../../kit/feature.ts';
import { contributionModal } from './blocks/contribution-modal.ts';

/**
 * The monthly contribution (docs/product/rituals.md): on the first work day of the month each
 * member is asked, at their own 10:00, what they contributed; the answer goes to their portfolio
 * (views/contribution-log.ts stores it and marks the reminder done).
 */
export const contributionRitual: RitualTypeEdge = {
  type: {
    name: 'contribution',
    title: 'Monthly contribution',
    description: 'asks each member what they contributed this month and adds it to their portfolio',
    cadence: { kind: 'monthly_first_workday' },
    localTime: { hour: 10, minute: 0 },
    audience: 'dm',
    runnable: true,
  },
  prompt: {
    text: ':seedling: *What did you contribute this month?* A feature, a bug fix, a hotfix with tests — log it and it goes into your impact portfolio.',
    doNow: 'Log a contribution',
  },
  async openDoNow({ client, triggerId, reminder }) {
    await client.views.open({ trigger_id: triggerId, view: contributionModal(reminder.id) });
  },
};

/**
 * The two rituals the team will run next, listed (and configurable) but not runnable yet; their
 * own feature folders replace these declarations when they land.
 */
export const upcomingRituals: RitualTypeEdge[] = [
  {
    type: {
      name: 'design-review',
      title: 'Bi-weekly design review',
      description: 'a presenter rotation, the session post, and feedback asks afterwards',
      cadence: { kind: 'biweekly', weekday: 3, anchorDate: '2026-01-07' },
      localTime: { hour: 14, minute: 0 },
      audience: 'dm',
      runnable: false,
    },
    prompt: {
      text: ':triangular_ruler: *Design review is coming up.* Get your design doc ready.',
      doNow: 'Open',
    },
  },
];
