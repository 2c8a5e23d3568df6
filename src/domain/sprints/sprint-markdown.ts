import type { SprintView } from './sprint.service.ts';
import { CONSOLIDATION_WEEK, SPRINT_WEEKS, weekDates } from './sprint.ts';

/** Member text on one line, with the characters that would start Markdown structure escaped. */
function inline(text: string): string {
  return text
    .replace(/\s*[\r\n]+\s*/g, ' ')
    .replace(/([\\`*_[\]<>|#])/g, '\\$1')
    .trim();
}

const PHASE_WORDS = {
  not_started: 'not started yet',
  learning: 'learning',
  consolidation: 'consolidation',
  finished: 'finished',
} as const;

/**
 * The 12-week sprint plan as Markdown (docs/product/exports.md): dates, focal skills with current
 * → target, the chart (a PNG uploaded beside the file, referenced by `chartFile`), one row per
 * week with its goal, the consolidation weeks marked, and the retrospective once written.
 */
export function renderSprintMarkdown(input: {
  memberName: string;
  view: SprintView;
  chartFile: string | null;
  generatedOn: string;
}): string {
  const { view } = input;
  const { sprint, calendar } = view;
  const lines = [
    `# 12-week learning sprint — ${inline(input.memberName)}`,
    '',
    `${sprint.startDate} to ${calendar.lastDay} · ${
      calendar.week ? `week ${calendar.week} of ${SPRINT_WEEKS}, ` : ''
    }${PHASE_WORDS[calendar.phase]}${sprint.status === 'active' ? '' : ` (${sprint.status})`}`,
    '',
    '## Focal skills',
    '',
    ...view.focal.map(
      (f) =>
        `- **${inline(f.skill.name)}**: ${f.level === null ? 'not rated yet' : `${f.level} → ${f.target}`}${
          f.skill.retired ? ' (retired from the catalogue)' : ''
        }`,
    ),
    '',
  ];
  if (input.chartFile) lines.push(`![Skills: now vs target](${input.chartFile})`, '');
  lines.push('## Weekly plan', '', '| week | dates | goal |', '| --- | --- | --- |');
  for (let week = 1; week <= SPRINT_WEEKS; week++) {
    const { from, to } = weekDates(sprint.startDate, week);
    const goal = sprint.goals.find((g) => g.week === week)?.goal;
    const consolidation = week >= CONSOLIDATION_WEEK;
    const fallback = consolidation ? '_consolidate: build a demo, write down what you learned_' : '—';
    lines.push(
      `| ${week}${consolidation ? ' (consolidation)' : ''} | ${from} – ${to} | ${goal ? inline(goal) : fallback} |`,
    );
  }
  lines.push(
    '',
    `Weeks ${CONSOLIDATION_WEEK}-${SPRINT_WEEKS} are for consolidation: no new material; build a demo and write down what was learned.`,
    '',
  );
  if (sprint.retro) {
    lines.push(
      '## Retrospective',
      '',
      `- **Went well:** ${inline(sprint.retro.wentWell)}`,
      `- **To change:** ${inline(sprint.retro.toChange)}`,
      '',
    );
  }
  lines.push(`_Exported from careerplan on ${input.generatedOn}._`, '');
  return lines.join('\n');
}
