import { DomainError } from '../errors.ts';

/** Where a summary came from: `/careerplan summary <text>`, the modal, or a reply in the thread. */
export type SummarySource = 'command' | 'modal' | 'thread';

export const SUMMARY_LIMITS = { body: 3000, link: 500 } as const;

/** A learning summary as stored: one member's answer to one week's thread. */
export interface LearningSummary {
  id: string;
  teamId: string;
  userId: string;
  /** The week's learning-hour occurrence; null until a digest claims it (no thread was open). */
  occurrenceId: string | null;
  body: string;
  link: string | null;
  source: SummarySource;
  createdAt: Date;
}

/** A summary's text and link as the member gave them, checked. */
export interface SummaryInput {
  body: string;
  link: string | null;
}

// Zero-width characters and the BOM: invisible, so a summary made only of them is empty.
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF]/g;

/**
 * Checks a summary typed in the command or the modal: not empty (whitespace and invisible
 * characters do not count), at most 3,000 characters, and an optional http(s) link. Errors name
 * their modal field (`text`, `link`) and say nothing was stored.
 */
export function validateSummary(input: { text: string; link?: string | null }): SummaryInput {
  const body = input.text.replace(INVISIBLE, '').trim();
  if (body === '') {
    throw new DomainError(
      'summary_empty',
      'Your summary is empty, so nothing was stored. Write what you learned, e.g. `/careerplan summary Learned how Postgres picks a join order`.',
      'text',
    );
  }
  if (body.length > SUMMARY_LIMITS.body) {
    throw new DomainError(
      'summary_too_long',
      `Your summary is ${body.length.toLocaleString('en')} characters; the limit is 3,000, so nothing was stored. Shorten it, or write it in the summary form (\`/careerplan summary\` without text).`,
      'text',
    );
  }
  const link = (input.link ?? '').trim();
  if (link === '') return { body, link: null };
  if (link.length > SUMMARY_LIMITS.link || !/^https?:\/\/[^\s<>|]+$/i.test(link)) {
    throw new DomainError(
      'summary_invalid',
      'The link must be an http(s) address of at most 500 characters, like https://example.com/post.',
      'link',
    );
  }
  return { body, link };
}

/**
 * Slack's message text (mentions, channel names and links in `<…>`, `&amp;` escapes) as plain
 * text, with the http(s) links it carried. The plain text is what is stored and shown again
 * (escaped), so a reply cannot smuggle a `<!channel>` into the digest; links stay as visible
 * addresses, which Slack links again when the digest is posted.
 */
export function plainFromSlack(text: string): { text: string; links: string[] } {
  const links: string[] = [];
  const plain = text.replace(/<([^<>]*)>/g, (_whole, inner: string) => {
    const bar = inner.indexOf('|');
    const target = bar < 0 ? inner : inner.slice(0, bar);
    const label = bar < 0 ? '' : inner.slice(bar + 1);
    if (/^https?:\/\//i.test(target)) {
      links.push(target);
      return label && label !== target && !target.endsWith(label) ? `${label} (${target})` : target;
    }
    if (target.startsWith('mailto:')) return label || target.slice('mailto:'.length);
    if (target.startsWith('@')) return label ? `@${label.replace(/^@/, '')}` : target;
    if (target.startsWith('#')) return label ? `#${label}` : target;
    if (target.startsWith('!')) {
      // <!here>, <!channel>, <!subteam^S123|@team>, <!date^…|fallback>: their words, never a ping.
      if (label) return label;
      return `@${target.slice(1).split('^')[0] ?? ''}`;
    }
    return label || target;
  });
  return { text: unescapeSlack(plain), links: links.map(unescapeSlack) };
}

function unescapeSlack(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/**
 * A thread reply as a summary: its plain text (cut to the limit, said so) and its first link;
 * undefined when the reply has no text (an image alone is not a summary).
 */
export function summaryFromReply(text: string): SummaryInput | undefined {
  const { text: plain, links } = plainFromSlack(text);
  const body = plain.replace(INVISIBLE, '').trim();
  if (body === '') return undefined;
  const cutNote = ' … (cut; the full reply is in the thread)';
  return {
    body:
      body.length <= SUMMARY_LIMITS.body
        ? body
        : `${body.slice(0, SUMMARY_LIMITS.body - cutNote.length)}${cutNote}`,
    link: links.find((l) => l.length <= SUMMARY_LIMITS.link) ?? null,
  };
}
