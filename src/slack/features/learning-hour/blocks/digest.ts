import type { DigestPart, DigestPerson } from '../../../../domain/learning-hour/digest.service.ts';
import type { LearningSummary } from '../../../../domain/learning-hour/summary.ts';
import { esc, link } from '../../../kit/blocks.ts';

/**
 * How big one digest reply may get. Slack accepts 40,000 characters of message text; a reply is
 * kept well under that so it stays readable (Slack folds long messages behind "Show more"), and
 * the number of replies is capped so a huge week does not flood the thread.
 */
export const DIGEST_LIMITS = { partChars: 12_000, maxParts: 10 } as const;

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** One summary as a digest line: its text (escaped; line breaks kept, indented) and its link. */
export function digestEntry(s: Pick<LearningSummary, 'body' | 'link'>): string {
  const body = esc(s.body).replace(/\n+/g, '\n    ');
  const linked = s.link && !s.body.includes(s.link) ? ` — ${link(s.link, s.link)}` : '';
  return `• ${body}${linked}`;
}

/**
 * The week's digest as thread replies: summaries grouped by person with their links and a
 * count, split across replies of at most {@link DIGEST_LIMITS.partChars} characters — a person's
 * summaries continue in the next reply ("continued") rather than being cut. A week that would
 * need more than {@link DIGEST_LIMITS.maxParts} replies gets one more, closing reply naming who
 * else contributed and how many summaries each, pointing to the thread: summarised, never
 * dropped silently. Every reply says which part it is.
 */
export function composeDigest(
  week: { date: string },
  people: readonly DigestPerson[],
  names: ReadonlyMap<string, string>,
  limits: { partChars: number; maxParts: number } = DIGEST_LIMITS,
): DigestPart[] {
  const total = people.reduce((n, p) => n + p.summaries.length, 0);
  const heading = `:books: *Learning digest* for the week of ${week.date}: *${plural(total, 'summary', 'summaries')}* from *${plural(people.length, 'person', 'people')}*.`;
  if (total === 0) {
    return [
      {
        text: `${heading}\nNo summaries this week. Reply in this thread any time: the next digest picks them up.`,
      },
    ];
  }
  const nameOf = (userId: string) => esc(names.get(userId) ?? 'a teammate');

  const parts: string[][] = [[]];
  let size = 0;
  const push = (text: string) => {
    parts[parts.length - 1]?.push(text);
    size += text.length + 1;
  };
  /** Starts the next reply, or false when the cap is reached. */
  const nextPart = (): boolean => {
    if (parts.length >= limits.maxParts) return false;
    parts.push([]);
    size = 0;
    return true;
  };
  const shownOf = new Map<string, number>();
  let full = false;
  for (const person of people) {
    const header = `\n*${nameOf(person.userId)}* — ${plural(person.summaries.length, 'summary', 'summaries')}`;
    // A name goes with its first summary: if both do not fit, they start the next reply.
    const first = person.summaries[0] ? digestEntry(person.summaries[0]) : '';
    if (size > 0 && size + header.length + first.length > limits.partChars && !nextPart()) break;
    push(header);
    let lines = 0;
    for (const s of person.summaries) {
      const entry = digestEntry(s);
      if (lines > 0 && size + entry.length > limits.partChars) {
        if (!nextPart()) {
          full = true;
          break;
        }
        push(`*${nameOf(person.userId)}* (continued)`);
      }
      push(entry);
      lines++;
    }
    shownOf.set(person.userId, lines);
    if (full) break;
  }
  const left = people
    .map((p) => ({ p, rest: p.summaries.length - (shownOf.get(p.userId) ?? 0) }))
    .filter(({ rest }) => rest > 0);
  const texts = parts.map((lines) => lines.join('\n'));
  if (left.length > 0) {
    // The cap was reached: one closing reply names everyone not (fully) shown, with counts.
    const hidden = left.reduce((n, { rest }) => n + rest, 0);
    const named = left.slice(0, 100).map(({ p, rest }) => `${nameOf(p.userId)} (${rest})`);
    const others =
      left.length > 100 ? ` and ${plural(left.length - 100, 'other person', 'other people')}` : '';
    texts.push(
      `_…and ${plural(hidden, 'more summary', 'more summaries')} this week, too many to repeat here: ${named.join(', ')}${others}. Every summary is in this thread above._`,
    );
  }
  const count = texts.length;
  return texts.map((body, i) => {
    const label = count > 1 ? ` (part ${i + 1} of ${count})` : '';
    const top = i === 0 ? `${heading}${label}` : `:books: *Learning digest*, week of ${week.date}${label}`;
    return { text: `${top}\n${body}` };
  });
}
