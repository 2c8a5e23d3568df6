import type { App } from '@slack/bolt';
import { z } from 'zod';
import type { Deps } from '../../../deps.ts';
import { createCheckinPlanner } from '../../../domain/skills/checkin-planner.ts';
import { createSkillServices } from '../../../domain/skills/index.ts';
import type { Shell, SlackFeature } from '../../kit/feature.ts';
import { registerSkillsDmActions } from './actions/dm.ts';
import { registerSkillsHomeActions } from './actions/home.ts';
import { skillsHomeBlocks, sprintHomeBlocks } from './blocks/home.ts';
import { exportSprintToDm } from './chart/upload.ts';
import { skillsCommand } from './commands/skills.ts';
import { sprintCommand } from './commands/sprint.ts';
import type { SkillsEdge } from './context.ts';
import { SKILL_VIEWS } from './ids.ts';
import { skillsOutboxKinds } from './outbox-kinds.ts';
import { assessmentSubmitted, checkinSubmitted } from './views/assessment.ts';
import { actionPlanSubmitted, adminSubmitted } from './views/catalog.ts';
import { retroSubmitted, sprintStartSubmitted } from './views/sprint.ts';

/**
 * Skills inventory and learning sprints (docs/product/skills.md, docs/product/sprints.md):
 * `skills` (self-assessment, `admin`, `chart`) and `sprint` (`start`, status), the top gaps with
 * their action plans and the sprint in App Home, scheduled check-in and retrospective DMs
 * through the outbox, and the `sprint` export. Quick-start items tick from its activity
 * (`skills.assessed`, `sprint.started`).
 */
export function createSkillsFeature(edge: SkillsEdge, planCheckins: () => Promise<unknown>): SlackFeature {
  const { services } = edge;
  return {
    name: 'skills',
    subcommands: { skills: skillsCommand(edge), sprint: sprintCommand(edge) },
    help: [
      {
        name: 'skills',
        summary: 'rate your skills 1-5 with targets; top gaps get action plans; `chart` draws them',
        example: '/careerplan skills chart',
      },
      {
        name: 'sprint',
        summary: 'your 12-week learning sprint: status, or `start` one on 2-3 focal skills',
        example: '/careerplan sprint start',
      },
    ],
    homeSections: [
      {
        id: 'skills',
        order: 20,
        async render({ member, tz }) {
          return skillsHomeBlocks(
            await services.skills.profile({ teamId: member.teamId, userId: member.userId, tz }),
          );
        },
      },
      {
        id: 'sprint',
        order: 25,
        async render({ member, tz }) {
          return sprintHomeBlocks(
            await services.sprints.current({ teamId: member.teamId, userId: member.userId, tz }),
          );
        },
      },
    ],
    exportKinds: [
      {
        kind: 'sprint',
        summary: 'your 12-week learning sprint plan, with your skills chart',
        async run(ctx) {
          // Acknowledge first: rendering the chart and uploading two files takes a moment.
          await ctx.ack();
          return (await exportSprintToDm(edge, ctx.client, ctx.teamId, ctx.userId))
            ? {
                text: ':page_facing_up: Your 12-week sprint plan is in your DM with careerplan, with your skills chart.',
              }
            : {
                text: 'You have no learning sprint to export yet. Start one with `/careerplan sprint start`.',
              };
        },
      },
    ],
    outboxKinds: skillsOutboxKinds(services, () => edge.clock.now()),
    jobs: {
      'plan-checkins': {
        schema: z.object({}),
        run: async () => {
          await planCheckins();
        },
      },
    },
    register(app: App) {
      registerSkillsHomeActions(app, edge);
      registerSkillsDmActions(app, edge);
      app.view(SKILL_VIEWS.assessment, assessmentSubmitted(edge));
      app.view(SKILL_VIEWS.checkin, checkinSubmitted(edge));
      app.view(SKILL_VIEWS.admin, adminSubmitted(edge));
      app.view(SKILL_VIEWS.actionPlan, actionPlanSubmitted(edge));
      app.view(SKILL_VIEWS.sprintStart, sprintStartSubmitted(edge));
      app.view(SKILL_VIEWS.retro, retroSubmitted(edge));
    },
    erase: (member) => services.skills.eraseMember(member.teamId, member.userId),
  };
}

/** The skills feature, wired from the container (feature-list.ts names it). */
export function skillsFeature(deps: Deps, shell: Shell): SlackFeature {
  const services = createSkillServices(deps.db, deps.clock);
  const planner = createCheckinPlanner({
    audience: () => services.store.assessments.checkinAudience(),
    settings: (teamId) => services.store.catalog.settings(teamId),
    calendar: (teamId) => deps.calendar.teamCalendar(teamId),
    sprintsEndingBy: (lastDay) => services.store.sprints.activeEndingBefore(lastDay),
    enqueue: (messages) => deps.outbox.enqueue(messages),
    clock: deps.clock,
  });
  return createSkillsFeature(
    {
      services,
      calendar: deps.calendar,
      workspaces: deps.workspaces,
      outbox: deps.outbox,
      clock: deps.clock,
      logger: deps.logger,
      resolver: shell.resolver,
      home: shell.home,
      guard: shell.guard,
    },
    () => planner.plan(),
  );
}
