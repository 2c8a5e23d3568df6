/**
 * The `/careerplan` vocabulary of docs/product/commands.md, in the order help shows it. Help marks
 * every entry without a registered handler as "coming soon", so this list never pretends a
 * feature exists.
 */
export interface SubcommandInfo {
  name: string;
  summary: string;
  example: string;
  adminOnly?: boolean;
}

export const SUBCOMMANDS: readonly SubcommandInfo[] = [
  { name: 'help', summary: 'this list, with an example each', example: '/careerplan help' },
  {
    name: 'goal',
    summary: 'your north star: track, destination, horizon, levels',
    example: '/careerplan goal',
  },
  { name: 'ladder', summary: "the team's career ladder (admins edit)", example: '/careerplan ladder' },
  {
    name: 'milestone',
    summary: '12-month milestones: add, list, done/drop',
    example: '/careerplan milestone add',
  },
  {
    name: 'okr',
    summary: 'quarterly OKRs: list, add, progress, another quarter',
    example: '/careerplan okr progress 2 60',
  },
  { name: 'skills', summary: 'self-assessment, gaps and action plans', example: '/careerplan skills' },
  { name: 'sprint', summary: '12-week learning sprint: start, status', example: '/careerplan sprint start' },
  {
    name: 'summary',
    summary: "this week's learning summary",
    example: '/careerplan summary Learned how Postgres advisory locks work',
  },
  {
    name: 'ritual',
    summary: 'list, setup, run, digest, pause/resume rituals (admins)',
    example: '/careerplan ritual run contribution',
    adminOnly: true,
  },
  { name: 'review', summary: 'design-review rotation: join, leave', example: '/careerplan review join' },
  {
    name: 'contributions',
    summary: "this month's and past contributions",
    example: '/careerplan contributions',
  },
  {
    name: 'feedback',
    summary: 'ask peers for feedback',
    example: '/careerplan feedback @ana @raj How clear was my design doc?',
  },
  { name: 'manager', summary: 'who your manager is', example: '/careerplan manager @lee' },
  { name: 'portfolio', summary: 'impact artifacts: add, list', example: '/careerplan portfolio add' },
  {
    name: 'readiness',
    summary: 'promotion-readiness checklist for your track',
    example: '/careerplan readiness',
  },
  {
    name: 'export',
    summary: 'Markdown export: plan, sprint, portfolio, design-doc',
    example: '/careerplan export plan',
  },
  {
    name: 'leaderboard',
    summary: 'team standings: week, month, quarter',
    example: '/careerplan leaderboard month',
  },
  { name: 'optout', summary: 'leave the leaderboard', example: '/careerplan optout' },
  { name: 'optin', summary: 'join the leaderboard again', example: '/careerplan optin' },
  { name: 'pause', summary: 'pause reminder DMs', example: '/careerplan pause until 2026-12-31' },
  { name: 'resume', summary: 'resume reminder DMs', example: '/careerplan resume' },
  {
    name: 'ooo',
    summary: 'out of office: no reminders between two dates',
    example: '/careerplan ooo 2026-12-20 2027-01-03',
  },
  {
    name: 'team',
    summary: 'work days, holidays, default time zone (admins)',
    example: '/careerplan team',
    adminOnly: true,
  },
  {
    name: 'delete-my-data',
    summary: 'erase everything about you, after confirmation',
    example: '/careerplan delete-my-data',
  },
];

export const SUBCOMMAND_NAMES: ReadonlySet<string> = new Set(SUBCOMMANDS.map((s) => s.name));
