import { ARTIFACT_KINDS, type Artifact, kindLabel, newestFirst } from './artifact.ts';

/** Keeps member text on one line so it cannot break the list or heading it sits in. */
function inline(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}

/** Characters that would end a Markdown link early are percent-encoded. */
function safeUrl(url: string): string {
  return url.replace(/[()\s<>]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

/** Square brackets in a title would end the link text early. */
function linkText(text: string): string {
  return inline(text).replace(/[[\]]/g, (c) => `\\${c}`);
}

/** The portfolio's kinds first, in their picker order, then any other kind alphabetically. */
function kindOrder(kind: string): number {
  const at = (ARTIFACT_KINDS as readonly string[]).indexOf(kind);
  return at < 0 ? ARTIFACT_KINDS.length : at;
}

/**
 * The impact portfolio as Markdown (docs/product/exports.md): artifacts grouped by kind, each
 * with its date, link, impact and the milestone or key result it is evidence for. Pure: the same
 * artifacts give the same text.
 */
export function renderPortfolioMarkdown(input: {
  memberName: string;
  artifacts: readonly Artifact[];
  generatedOn: string;
}): string {
  const lines = [`# Impact portfolio: ${inline(input.memberName)}`, '', `_Exported ${input.generatedOn}_`];
  if (input.artifacts.length === 0) {
    lines.push('', 'No artifacts yet: add one with `/careerplan portfolio add`.');
    return `${lines.join('\n')}\n`;
  }
  const kinds = [...new Set(input.artifacts.map((a) => a.kind))].sort(
    (a, b) => kindOrder(a) - kindOrder(b) || kindLabel(a).localeCompare(kindLabel(b)),
  );
  const count = input.artifacts.length;
  lines.push(
    '',
    `${count} artifact${count === 1 ? '' : 's'} in ${kinds.length} kind${kinds.length === 1 ? '' : 's'}.`,
  );
  for (const kind of kinds) {
    lines.push('', `## ${kindLabel(kind)}`, '');
    const ofKind = input.artifacts.filter((a) => a.kind === kind).sort(newestFirst);
    for (const artifact of ofKind) {
      const title = artifact.link
        ? `[${linkText(artifact.title)}](${safeUrl(artifact.link)})`
        : `**${inline(artifact.title)}**`;
      lines.push(`- ${title} · ${artifact.occurredOn}`);
      lines.push(`  ${inline(artifact.impact)}`);
      if (artifact.evidenceTitle && artifact.evidenceFor) {
        const what = artifact.evidenceFor.type === 'milestone' ? 'milestone' : 'key result';
        lines.push(`  _Evidence for the ${what} “${inline(artifact.evidenceTitle)}”._`);
      }
    }
  }
  return `${lines.join('\n')}\n`;
}
