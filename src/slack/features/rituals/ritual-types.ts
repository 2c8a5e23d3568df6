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
