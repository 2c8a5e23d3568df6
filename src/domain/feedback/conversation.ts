import { DomainError } from '../errors.ts';
import { parseLocalDate } from '../schedules/local-time.ts';

/**
 * Feedback conversations (docs/product/feedback.md): every period (a quarter unless the team
 * chose otherwise) each member is nudged to hold one with their manager, and the manager gets a
 * matching nudge. It counts as held once both confirmed it.
 */

/** How many months a period lasts; 0 switches the nudges off. Each divides the year evenly. */
export const CONVERSATION_CADENCES = [0, 1, 2, 3, 4, 6, 12] as const;
export type ConversationCadence = (typeof CONVERSATION_CADENCES)[number];
export const DEFAULT_CONVERSATION_MONTHS: ConversationCadence = 3;

export interface FeedbackConversation {
  id: string;
  teamId: string;
  userId: string;
  managerId: string | null;
  /** `YYYY-MM` of the period's first month. */
  period: string;
  memberConfirmedAt: Date | null;
  managerConfirmedAt: Date | null;
  heldAt: Date | null;
}

/**
 * The period a local date falls in, named by its first month: with a quarterly cadence
 * 2026-08-14 is in `2026-07`. Periods start in January and divide the year evenly.
 */
export function periodOf(localDate: string, everyMonths: Exclude<ConversationCadence, 0>): string {
  const day = parseLocalDate(localDate);
  const startMonth = Math.floor((day.month - 1) / everyMonths) * everyMonths + 1;
  return `${day.year}-${String(startMonth).padStart(2, '0')}`;
}

/** A period for people: `2026-07` quarterly reads "Q3 2026"; others read "from July 2026". */
export function periodLabel(period: string, everyMonths: number): string {
  const [year, month] = period.split('-').map(Number) as [number, number];
  if (everyMonths === 3) return `Q${Math.floor((month - 1) / 3) + 1} ${year}`;
  const name = new Date(Date.UTC(year, month - 1, 1)).toLocaleString('en-GB', {
    month: 'long',
    timeZone: 'UTC',
  });
  return `the period from ${name} ${year}`;
}

const WORDS: Record<string, ConversationCadence> = {
  off: 0,
  never: 0,
  monthly: 1,
  quarterly: 3,
  yearly: 12,
  annually: 12,
};

/**
 * How often, as an admin types it: `3`, `3 months`, `quarterly`, `off`. Throws
 * `feedback_cadence_invalid` naming the choices.
 */
export function parseConversationCadence(text: string): ConversationCadence {
  const cleaned = text.trim().toLowerCase();
  const word = WORDS[cleaned];
  if (word !== undefined) return word;
  const match = /^(\d{1,2})(?:\s*months?)?$/.exec(cleaned);
  const months = match ? Number(match[1]) : Number.NaN;
  const cadence = CONVERSATION_CADENCES.find((c) => c === months);
  if (cadence === undefined) {
    throw new DomainError(
      'feedback_cadence_invalid',
      'Say how many months between feedback conversations: 1, 2, 3, 4, 6 or 12 (or `off`), e.g. `/careerplan manager every 3`.',
    );
  }
  return cadence;
}

/** Who confirms: the member or their manager. */
export type ConversationRole = 'member' | 'manager';
