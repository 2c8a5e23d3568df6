/**
 * Reading `/careerplan feedback @a @b <question>`. The manifest sets `should_escape: true`, so
 * Slack sends each mention as `<@U123|name>` (or `<@U123>`); the people are the mentions at the
 * start, the question is the rest.
 */
const MENTION = /^<@([UW][A-Z0-9]+)(?:\|[^>]*)?>/;
const GROUP = /^<!(?:subteam\^[A-Z0-9]+|here|channel|everyone)(?:\|[^>]*)?>/;

export type ParsedMentions =
  | { ok: true; people: string[]; rest: string }
  | { ok: false; problem: 'group' | 'unlinked'; token: string };

export function leadingMentions(text: string): ParsedMentions {
  const people: string[] = [];
  let rest = text.trim();
  for (;;) {
    const mention = MENTION.exec(rest);
    if (mention) {
      people.push(mention[1] as string);
      rest = rest.slice(mention[0].length).trimStart();
      continue;
    }
    const group = GROUP.exec(rest);
    if (group) return { ok: false, problem: 'group', token: group[0] };
    // A plain "@name" means Slack did not turn it into a mention (a typo, or no such person).
    const plainAt = /^@\S+/.exec(rest);
    if (plainAt) return { ok: false, problem: 'unlinked', token: plainAt[0] };
    return { ok: true, people, rest };
  }
}

/** One mention and nothing else (`/careerplan manager @lee`): the user id, or undefined. */
export function singleMention(text: string): string | undefined {
  const parsed = leadingMentions(text);
  return parsed.ok && parsed.people.length === 1 && parsed.rest === '' ? parsed.people[0] : undefined;
}
