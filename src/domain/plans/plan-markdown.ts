import { type LadderLevel, levelIndex, TRACK_LABELS } from './ladder.ts';
import {
  MILESTONE_KIND_LABELS,
  MILESTONE_STATUS_LABELS,
  type Milestone,
  sortByDueDate,
} from './milestones.ts';
import type { NorthStar } from './north-star.ts';
import { describeKeyResult, type Objective, objectiveProgress, progressBar, progressOf } from './okrs.ts';
import { formatQuarter, type Quarter } from './quarters.ts';

/** Everything the one-page career plan shows. */
export interface PlanMarkdownInput {
  memberName: string;
  northStar: NorthStar | null;
  ladder: readonly LadderLevel[];
  milestones: readonly Milestone[];
  quarter: Quarter;
  objectives: readonly Objective[];
  /** Markdown of the skills section (rendered by the skills feature), or null when not assessed. */
  skillsSection: string | null;
  /** The member's local date the export was made (`YYYY-MM-DD`), shown under the title. */
  generatedOn?: string;
}

/** Keeps user text on one line so it cannot break the list or heading it sits in. */
function inline(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}

function quote(text: string): string {
  return text
    .trim()
    .split(/\r?\n/)
    .map((line) => `> ${line}`.trimEnd())
    .join('\n');
}

/** Percent-encodes the characters that would end a Markdown link target early. */
function safeUrl(url: string): string {
  return url.replace(/[()\s]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

function levelLabel(ladder: readonly LadderLevel[], code: string): string {
  const level = ladder[levelIndex(ladder, code)];
  return level ? `${level.code} (${level.title})` : code;
}

function northStarSection(northStar: NorthStar | null, ladder: readonly LadderLevel[]): string[] {
  const lines = ['## Long-term goal', ''];
  if (!northStar) {
    lines.push('No north star yet: set one with `/careerplan goal`.');
    return lines;
  }
  lines.push(quote(northStar.destination), '');
  lines.push(`- **Track:** ${TRACK_LABELS[northStar.track]}`);
  lines.push(`- **Horizon:** ${northStar.horizonYears} years`);
  lines.push(
    `- **Level:** ${levelLabel(ladder, northStar.currentLevel)} → ${levelLabel(ladder, northStar.targetLevel)}`,
  );
  const target = ladder[levelIndex(ladder, northStar.targetLevel)];
  if (target?.summary) lines.push(`- **What ${target.code} looks like:** ${inline(target.summary)}`);
  return lines;
}

function milestonesSection(milestones: readonly Milestone[]): string[] {
  const lines = ['## 12-month milestones', ''];
  const shown = sortByDueDate(milestones.filter((m) => m.status !== 'dropped'));
  if (shown.length === 0) {
    lines.push('No milestones yet: add one with `/careerplan milestone add`.');
    return lines;
  }
  for (const m of shown) {
    const box = m.status === 'done' ? '[x]' : '[ ]';
    const status = m.status === 'done' ? '' : ` · ${MILESTONE_STATUS_LABELS[m.status]}`;
    const evidence = m.evidenceUrl ? ` ([evidence](${safeUrl(m.evidenceUrl)}))` : '';
    lines.push(
      `- ${box} **${inline(m.title)}** · ${MILESTONE_KIND_LABELS[m.kind]} · due ${m.dueDate}${status}${evidence}`,
    );
  }
  return lines;
}

function okrSection(quarter: Quarter, objectives: readonly Objective[]): string[] {
  const lines = [`## OKRs for ${formatQuarter(quarter)}`, ''];
  if (objectives.length === 0) {
    lines.push('No objectives this quarter: add one with `/careerplan okr add`.');
    return lines;
  }
  objectives.forEach((objective, i) => {
    if (i > 0) lines.push('');
    lines.push(`### ${i + 1}. ${inline(objective.title)}`, '');
    lines.push(`Overall: \`${progressBar(objectiveProgress(objective.keyResults))}\``, '');
    if (objective.keyResults.length === 0) {
      lines.push('_No key results yet._');
      return;
    }
    objective.keyResults.forEach((kr, k) => {
      lines.push(
        `${k + 1}. ${inline(kr.title)} (${describeKeyResult(kr)}) \`${progressBar(progressOf(kr))}\``,
      );
    });
  });
  return lines;
}

function skillsSection(skills: string | null): string[] {
  const lines = ['## Skills', ''];
  const text = skills?.trim();
  lines.push(
    text
      ? text
      : 'Skills not assessed yet: run `/careerplan skills` to rate yourself and find your top gaps.',
  );
  return lines;
}

/**
 * The one-page career plan as Markdown: long-term goal, 12-month milestones (dropped
 * ones left out), this quarter's OKRs with progress bars, and the skills section
 * (or a "not assessed yet" line). Pure: same input, same text.
 */
export function renderPlanMarkdown(input: PlanMarkdownInput): string {
  const header = [`# Career plan: ${inline(input.memberName)}`];
  if (input.generatedOn) header.push('', `_Exported ${input.generatedOn}_`);
  const sections = [
    header,
    northStarSection(input.northStar, input.ladder),
    milestonesSection(input.milestones),
    okrSection(input.quarter, input.objectives),
    skillsSection(input.skillsSection),
  ];
  return `${sections.map((lines) => lines.join('\n')).join('\n\n')}\n`;
}
