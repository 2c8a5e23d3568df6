/** `/careerplan okr progress 2 60` → { name: 'okr', args: ['progress','2','60'], rest: 'progress 2 60' }. */
export interface ParsedCommand {
  /** The subcommand in lower case; null when the text is empty (same as help). */
  name: string | null;
  /** Whitespace-separated words after the subcommand. */
  args: string[];
  /** The text after the subcommand exactly as typed (trimmed), for free-text subcommands. */
  rest: string;
}

export function parseCommandText(text: string | undefined): ParsedCommand {
  const trimmed = (text ?? '').replace(/\u00a0/g, ' ').trim();
  if (trimmed === '') return { name: null, args: [], rest: '' };
  const match = /^(\S+)\s*([\s\S]*)$/.exec(trimmed);
  const name = (match?.[1] ?? '').toLowerCase();
  const rest = (match?.[2] ?? '').trim();
  return { name, args: rest === '' ? [] : rest.split(/\s+/), rest };
}

/** The registered subcommand closest to a typo ("okrs" → "okr"), for a helpful error. */
export function closestName(input: string, names: Iterable<string>): string | undefined {
  let best: { name: string; distance: number } | undefined;
  for (const name of names) {
    const distance = editDistance(input, name);
    if (distance <= 2 && (!best || distance < best.distance)) best = { name, distance };
  }
  return best?.name;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0] ?? 0;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j] ?? 0;
      row[j] = Math.min(current + 1, (row[j - 1] ?? 0) + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length] ?? 0;
}
