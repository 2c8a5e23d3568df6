import { DateTime } from 'luxon';
import type { FeedbackAbout, ReceivedAnswer } from '../../../../domain/feedback/feedback.ts';
import { cut, esc, line } from '../../../kit/blocks.ts';

/** Small pieces of feedback text shared by the DMs, the modals and App Home. */

/** A member as Slack shows them: a mention, rendered as their name (ids come from Slack). */
export function who(userId: string): string {
  return `<@${userId.replace(/[^A-Z0-9]/gi, '')}>`;
}

/** User text as a mrkdwn quote: escaped, every line prefixed, cut to fit a section. */
export function quote(text: string, max = 2500): string {
  return esc(cut(text.trim(), max))
    .split('\n')
    .map((l) => `> ${l}`)
    .join('\n');
}

export function aboutText(about: FeedbackAbout | null): string {
  if (!about) return '';
  return about.kind === 'skill'
    ? `the skill *${line(about.label, 60)}*`
    : `the key result *${line(about.label, 150)}*`;
}

/** `2026-09-23` → `Wed 23 Sep`, for due dates people read. */
export function day(date: string): string {
  const parsed = DateTime.fromISO(date, { zone: 'utc' });
  return parsed.isValid ? parsed.toFormat('ccc d LLL') : date;
}

/** An answer's body: the answer, or what worked and what to improve; its rating, if any. */
export function answerBody(answer: Pick<ReceivedAnswer, 'origin' | 'answer' | 'improve' | 'rating'>): string {
  const rating = answer.rating ? `\nRating: *${answer.rating}/5*` : '';
  if (answer.origin === 'review') {
    return `*What worked*\n${quote(answer.answer, 1200)}\n*One thing to improve*\n${quote(answer.improve ?? '', 1200)}`;
  }
  return `${quote(answer.answer)}${rating}`;
}

/** Who gave an answer, as its requester may see it. */
export function authorText(answer: Pick<ReceivedAnswer, 'author'>): string {
  return answer.author ? who(answer.author) : 'Someone (anonymous)';
}
