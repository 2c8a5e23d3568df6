/**
 * The "demo data" button: a few weeks' worth of plausible activity for the demo team, created
 * the way people would create it: slash commands, forms filled in and submitted, reminder
 * buttons clicked. Everything goes through the app's own request paths (signed requests to
 * /slack/events), never SQL, so what it shows is what the app really stores and renders.
 */
import { DEMO_ADMIN, DEMO_CHANNELS, DEMO_PEOPLE } from './demo-workspace.ts';
import type { Interactions } from './interactions.ts';
import {
  type FakeSlackModel,
  type FakeWorkspace,
  type StoredMessage,
  tsToMicros,
} from './slack/fake-slack-model.ts';
import type { Surfaces } from './surfaces.ts';
import { stateValuesFor, type Typed } from './view-values.ts';

type Json = Record<string, unknown>;

interface PersonPlan {
  userId: string;
  goal: Record<string, Typed>;
  milestone: Record<string, Typed>;
  okr: Record<string, Typed>;
  checkIns: number[];
  contribution?: Record<string, Typed>;
}

const krFields = (title: string, start: string, target: string, unit: string) => ({
  kr1_title: title,
  kr1_kind: { option: 'metric' },
  kr1_start: start,
  kr1_target: target,
  kr1_unit: unit,
});

const PLANS: readonly PersonPlan[] = [
  {
    userId: 'U0MAYA',
    goal: {
      track: { option: 'manager' },
      destination: 'Grow a team of senior engineers who own our platform end to end',
      horizonYears: '3',
      currentLevel: { option: 'L5' },
      targetLevel: { option: 'L6' },
    },
    milestone: { kind: { option: 'visibility' }, title: 'Run the engineering all-hands twice' },
    okr: { objective: 'Make on-call calm', ...krFields('Pages per week', '14', '4', 'pages') },
    checkIns: [11, 8],
    contribution: {
      kind: { option: 'feature' },
      title: 'On-call handbook and rota bot',
      link: 'https://example.com/acme/oncall/pull/42',
      impact: 'New engineers join the rota in their second week instead of their second month.',
    },
  },
  {
    userId: 'U0OLIVER',
    goal: {
      track: { option: 'staff' },
      destination: 'Lead the architecture of our payments platform',
      horizonYears: '3',
      currentLevel: { option: 'L4' },
      targetLevel: { option: 'L6' },
    },
    milestone: { kind: { option: 'delivery' }, title: 'Ship idempotent payment retries' },
    okr: {
      objective: 'Make checkout fast and boring',
      ...krFields('p95 checkout latency', '640', '200', 'ms'),
    },
    checkIns: [520, 410, 330],
    contribution: {
      kind: { option: 'hotfix_with_tests' },
      title: 'Fix double charge on retried webhooks',
      link: 'https://example.com/acme/payments/pull/913',
      impact: 'No duplicate charges since the fix; a regression test covers the race.',
    },
  },
  {
    userId: 'U0LENA',
    goal: {
      track: { option: 'ic' },
      destination: 'Become the team’s go-to engineer for data pipelines',
      horizonYears: '2',
      currentLevel: { option: 'L3' },
      targetLevel: { option: 'L5' },
    },
    milestone: {
      kind: { option: 'mastery' },
      title: 'Finish the stream-processing course and apply it to billing',
    },
    okr: {
      objective: 'Trustworthy nightly reports',
      ...krFields('Failed nightly runs per month', '9', '1', 'runs'),
    },
    checkIns: [6, 4],
    contribution: {
      kind: { option: 'bug_fix' },
      title: 'Time-zone bug in the nightly export',
      link: 'https://example.com/acme/data/pull/77',
      impact: 'Reports for Sydney customers now close on the right day.',
    },
  },
  {
    userId: 'U0PRIYA',
    goal: {
      track: { option: 'staff' },
      destination: 'Own reliability for our public API',
      horizonYears: '4',
      currentLevel: { option: 'L5' },
      targetLevel: { option: 'L6' },
    },
    milestone: { kind: { option: 'visibility' }, title: 'Give a talk on our SLO practice' },
    okr: {
      objective: 'An API customers never think about',
      ...krFields('Availability', '99.5', '99.95', '%'),
    },
    checkIns: [99.7, 99.9],
    contribution: {
      kind: { option: 'feature' },
      title: 'SLO dashboards with burn-rate alerts',
      link: 'https://example.com/acme/api/pull/1204',
      impact: 'We now page on budget burn, not on every blip: half the night pages.',
    },
  },
  {
    userId: 'U0JACK',
    goal: {
      track: { option: 'ic' },
      destination: 'Ship mobile features end to end, from design to release',
      horizonYears: '2',
      currentLevel: { option: 'L3' },
      targetLevel: { option: 'L4' },
    },
    milestone: { kind: { option: 'delivery' }, title: 'Release offline mode for the field app' },
    okr: {
      objective: 'A field app that works in the outback',
      ...krFields('Crash-free sessions', '96', '99.5', '%'),
    },
    checkIns: [97.5],
  },
  {
    userId: 'U0ANA',
    goal: {
      track: { option: 'manager' },
      destination: 'Lead the growth squad',
      horizonYears: '3',
      currentLevel: { option: 'L4' },
      targetLevel: { option: 'L5' },
    },
    milestone: { kind: { option: 'mastery' }, title: 'Mentor two engineers through their first on-call' },
    okr: { objective: 'Faster experiments', ...krFields('Days from idea to experiment', '12', '4', 'days') },
    checkIns: [9, 7],
    contribution: {
      kind: { option: 'other' },
      title: 'Experiment review template',
      link: 'https://example.com/acme/wiki/experiments',
      impact: 'Every experiment now states its metric and stop rule before launch.',
    },
  },
];

export function createDemoData(deps: {
  model: FakeSlackModel;
  workspace: FakeWorkspace;
  interactions: Interactions;
  surfaces: Surfaces;
}) {
  const { model, workspace, interactions, surfaces } = deps;
  let running = false;
  let message: string | null = null;
  const dm = (userId: string) => model.dmChannelId(userId);
  const callbackOf = (viewId: string | undefined) =>
    viewId === undefined ? undefined : model.views.get(viewId)?.view.callback_id;

  /** Waits for a new modal with `callbackId` on the person's stack (a positive signal, no sleeps). */
  const awaitModal = async (
    userId: string,
    before: string | undefined,
    callbackId: string,
  ): Promise<string> => {
    await surfaces.waitFor(
      () => surfaces.topModal(userId) !== before && callbackOf(surfaces.topModal(userId)) === callbackId,
      10_000,
      `the ${callbackId} modal for ${userId}`,
    );
    return surfaces.topModal(userId) as string;
  };

  const submit = async (userId: string, viewId: string, typed: Record<string, Typed>): Promise<void> => {
    const view = model.views.get(viewId)?.view ?? {};
    await interactions.submit(userId, viewId, stateValuesFor(view, typed));
    if (surfaces.modalStack(userId).includes(viewId)) {
      throw new Error(
        `${String(view.callback_id)} was refused: ${JSON.stringify(surfaces.fieldErrors(viewId))}`,
      );
    }
  };

  const form = async (userId: string, command: string, callbackId: string, typed: Record<string, Typed>) => {
    const before = surfaces.topModal(userId);
    await interactions.command(userId, dm(userId), command);
    await submit(userId, await awaitModal(userId, before, callbackId), typed);
  };

  const reminderFor = (userId: string, after: string): StoredMessage | undefined =>
    model
      .channelMessages(workspace.teamId, dm(userId))
      .filter(
        (m) =>
          tsToMicros(m.ts) > tsToMicros(after) &&
          (m.metadata as { event_type?: string } | undefined)?.event_type === 'careerplan_delivery',
      )
      .at(-1);

  const button = (m: StoredMessage, actionId: string): Json => {
    for (const block of (m.blocks as Json[] | undefined) ?? []) {
      const element = ((block.elements as Json[] | undefined) ?? []).find((e) => e.action_id === actionId);
      if (element) return { ...element, block_id: block.block_id };
    }
    throw new Error(`no ${actionId} button on the reminder`);
  };

  const click = (userId: string, m: StoredMessage, actionId: string) =>
    interactions.action(
      userId,
      { kind: 'message', channelId: m.channelId, ts: m.ts },
      button(m, actionId),
      {},
    );

  const steps = async (): Promise<void> => {
    for (const plan of PLANS) {
      message = `Career plans: ${plan.userId}…`;
      await form(plan.userId, '/careerplan goal', 'plans_goal', plan.goal);
      await form(plan.userId, '/careerplan milestone add', 'plans_milestone_add', plan.milestone);
      await form(plan.userId, '/careerplan okr add', 'plans_okr_add', plan.okr);
      for (const value of plan.checkIns)
        await interactions.command(plan.userId, dm(plan.userId), `/careerplan okr progress 1 ${value}`);
    }
    message = 'The contribution ritual…';
    await form(DEMO_ADMIN.userId, '/careerplan ritual setup contribution', 'ritual_setup', {
      channel: DEMO_CHANNELS.engineering.channelId,
      frequency: { option: 'monthly_first_workday' },
      time: '10:00',
    });
    const before = model.nextTs();
    await interactions.command(
      DEMO_ADMIN.userId,
      DEMO_CHANNELS.engineering.channelId,
      '/careerplan ritual run contribution',
    );
    const people = DEMO_PEOPLE.map((p) => p.userId);
    await surfaces.waitFor(() => people.every((u) => reminderFor(u, before)), 30_000, 'the reminder DMs');
    for (const plan of PLANS) {
      const reminder = reminderFor(plan.userId, before) as StoredMessage;
      if (!plan.contribution) {
        await click(plan.userId, reminder, 'reminder_snooze_1h');
        continue;
      }
      const open = surfaces.topModal(plan.userId);
      await click(plan.userId, reminder, 'reminder_do_now');
      await submit(plan.userId, await awaitModal(plan.userId, open, 'contribution_log'), plan.contribution);
    }
    await click('U0KENJI', reminderFor('U0KENJI', before) as StoredMessage, 'reminder_skip');
    // Everyone's Home tab shows their new plan the next time they open it; the admin's now.
    await interactions.openHome(DEMO_ADMIN.userId);
  };

  return {
    status: () => ({ running, message }),
    async run(): Promise<void> {
      if (running) return;
      running = true;
      message = 'Creating demo data…';
      surfaces.changed();
      try {
        await steps();
        message = `Demo data ready: ${PLANS.length} career plans, a contribution ritual run and its reminders.`;
      } catch (error) {
        message = `Demo data stopped: ${error instanceof Error ? error.message : String(error)}`;
      } finally {
        running = false;
        surfaces.changed();
      }
    },
  };
}
