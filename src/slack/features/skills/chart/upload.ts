import type { WebClient } from '@slack/web-api';
import { localDateOf } from '../../../../domain/schedules/index.ts';
import { activeSkills } from '../../../../domain/skills/catalog.ts';
import { buildSkillsChart, type ChartSpec } from '../../../../domain/skills/chart.ts';
import type { SkillOwner, SkillProfile } from '../../../../domain/skills/skills.service.ts';
import { renderSprintMarkdown } from '../../../../domain/sprints/sprint-markdown.ts';
import { memberName } from '../../../../domain/workspaces/workspace.ts';
import { esc } from '../../../kit/blocks.ts';
import { ownerFor, type SkillsEdge } from '../context.ts';
import { renderChartPng } from './render.ts';

/** The chart of a member's rated (active) skills, in catalogue order; null before any rating. */
export function chartOf(profile: SkillProfile, title: string, only?: readonly string[]): ChartSpec | null {
  const skills = activeSkills(profile.catalog).flatMap((s) => {
    const latest = profile.history.get(s.id)?.latest;
    if (!latest || (only && !only.includes(s.id))) return [];
    return [{ name: s.name, level: latest.level, target: latest.target }];
  });
  return skills.length === 0 ? null : buildSkillsChart(title, skills);
}

async function dmOf(client: WebClient, userId: string): Promise<string> {
  const dm = await client.conversations.open({ users: userId });
  const channelId = dm.channel?.id;
  if (!channelId) throw new Error('conversations.open returned no channel');
  return channelId;
}

/**
 * Posts the member's skills chart (PNG) in their DM with careerplan, through Slack's external
 * upload (files.getUploadURLExternal → upload → files.completeUploadExternal). False when the
 * member has rated nothing yet.
 */
export async function postChartToDm(edge: SkillsEdge, client: WebClient, owner: SkillOwner, name: string) {
  const profile = await edge.services.skills.profile(owner);
  const chart = chartOf(profile, `${name}: skills now vs target`);
  if (!chart) return false;
  await client.filesUploadV2({
    channel_id: await dmOf(client, owner.userId),
    file: renderChartPng(chart),
    filename: 'skills-chart.png',
    title: 'Skills: now vs target',
    initial_comment: `Your skills chart, ${esc(name)}: ${chart.kind === 'radar' ? 'a radar' : 'grouped bars'} of where you are and your targets.`,
  });
  return true;
}

/**
 * The sprint export: the 12-week plan as Markdown with the skills chart beside it as a PNG (the
 * Markdown shows it by file name), both in one message of the member's DM. False without a sprint.
 */
export async function exportSprintToDm(edge: SkillsEdge, client: WebClient, teamId: string, userId: string) {
  const { owner, member } = await ownerFor(edge, client, teamId, userId);
  const view = await edge.services.sprints.forExport(owner);
  if (!view) return false;
  const name = memberName(member);
  const profile = await edge.services.skills.profile(owner);
  const chart = chartOf(profile, `${name}: focal skills now vs target`, view.sprint.focalSkillIds);
  const chartFile = chart ? 'learning-sprint-chart.png' : null;
  const markdown = renderSprintMarkdown({
    memberName: name,
    view,
    chartFile,
    generatedOn: localDateOf(edge.clock.now(), owner.tz),
  });
  await client.filesUploadV2({
    channel_id: await dmOf(client, userId),
    initial_comment: `Here is your 12-week learning sprint plan, ${esc(name)}.`,
    file_uploads: [
      { content: markdown, filename: 'learning-sprint.md', title: 'Learning sprint plan' },
      ...(chart && chartFile
        ? [{ file: renderChartPng(chart), filename: chartFile, title: 'Focal skills: now vs target' }]
        : []),
    ],
  });
  return true;
}
