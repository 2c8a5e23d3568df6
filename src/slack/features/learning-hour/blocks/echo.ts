import type { LearningSummary } from '../../../../domain/learning-hour/summary.ts';
import type { RenderedMessage } from '../../../../slack-api/outbox-messages.ts';
import { esc, link } from '../../../kit/blocks.ts';

/**
 * A summary given by command or modal, as a reply in the week's thread, so the thread holds the
 * whole week. Plain mrkdwn text (up to 40,000 characters), so a 3,000-character summary is never cut.
 */
export function summaryEcho(name: string, summary: Pick<LearningSummary, 'body' | 'link'>): RenderedMessage {
  const linkLine =
    summary.link && !summary.body.includes(summary.link) ? `\n${link(summary.link, summary.link)}` : '';
  return { text: `:memo: *${esc(name)}* shared a learning summary:\n${esc(summary.body)}${linkLine}` };
}
