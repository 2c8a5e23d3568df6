/**
 * Slack's message markup turned into plain words for the add form (the form's inputs are plain
 * text): `<https://x|label>` → `label`, `<https://x>` → the address, mentions → `@name`,
 * channels → `#name`, and the three HTML entities Slack escapes back to characters.
 */
export function plainMessageText(text: string): string {
  return text
    .replace(/<([^<>|]+)\|([^<>]*)>/g, (_m, target: string, label: string) => {
      if (target.startsWith('@') || target.startsWith('!')) return `@${label.replace(/^@/, '')}`;
      if (target.startsWith('#')) return `#${label}`;
      return label;
    })
    .replace(/<@([A-Z0-9]+)>/g, '@$1')
    .replace(/<#([A-Z0-9]+)>/g, '#$1')
    .replace(/<!(here|channel|everyone)>/g, '@$1')
    .replace(/<!subteam\^[A-Z0-9]+>/g, '@group')
    .replace(/<(https?:\/\/[^<>\s]+)>/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** What the add form is filled with from a message: a title from its first line, its text as impact. */
export function prefillFromMessage(text: string, limits: { title: number; impact: number }) {
  const plain = plainMessageText(text).trim();
  const firstLine = plain.split(/\r?\n/).find((l) => l.trim() !== '') ?? '';
  const title = firstLine
    .replace(/[*_~`]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  const impact = plain
    .replace(/\s*\n\s*/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return {
    title: title.length > limits.title ? `${title.slice(0, limits.title - 1)}…` : title,
    impact: impact.length > limits.impact ? `${impact.slice(0, limits.impact - 1)}…` : impact,
  };
}
