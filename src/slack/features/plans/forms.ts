import type { ModalView } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import { DateTime } from 'luxon';
import { addQuarters } from '../../../domain/plans/quarters.ts';
import { memberName } from '../../../domain/workspaces/workspace.ts';
import { deliverExport, type ExportDelivery } from '../../../slack-api/exports.ts';
import { isAdmin } from '../../kit/admin.ts';
import { esc, modal } from '../../kit/blocks.ts';
import { goalModal } from './blocks/goal.ts';
import { ladderMessage, ladderModal } from './blocks/ladder.ts';
import { milestoneAddModal } from './blocks/milestones.ts';
import { okrAddModal } from './blocks/okr-modals.ts';
import { memberFor, type PlanEdge } from './context.ts';
import { PLAN_VIEWS } from './ids.ts';

/**
 * Opening the plan forms, shared by the `/careerplan` subcommands and the App Home buttons. Each
 * reads what the form pre-fills, then calls views.open with the trigger of the click or command.
 */

interface Request {
  client: WebClient;
  triggerId: string;
  teamId: string;
  userId: string;
}

async function open(r: Request, view: ModalView): Promise<void> {
  await r.client.views.open({ trigger_id: r.triggerId, view });
}

export async function openGoalForm(edge: PlanEdge, r: Request): Promise<void> {
  const { owner } = await memberFor(edge, r.client, r.teamId, r.userId);
  const [ladder, current] = await Promise.all([
    edge.plans.career.ladder(owner.teamId),
    edge.plans.career.northStar(owner),
  ]);
  await open(r, goalModal(ladder, current));
}

/** Admins get the edit form; everyone else sees the ladder read-only (in a modal). */
export async function openLadderForm(edge: PlanEdge, r: Request): Promise<void> {
  const { member } = await memberFor(edge, r.client, r.teamId, r.userId);
  const ladder = await edge.plans.career.ladder(r.teamId);
  if (await isAdmin(edge.workspaces, member)) {
    await open(r, ladderModal(ladder));
    return;
  }
  const { blocks } = ladderMessage(ladder, false);
  await open(r, modal({ callbackId: PLAN_VIEWS.notice, title: 'Career ladder', close: 'Close', blocks }));
}

/** The milestone form, its date picker pre-set three months out in the member's calendar. */
export async function openMilestoneForm(edge: PlanEdge, r: Request): Promise<void> {
  const { owner } = await memberFor(edge, r.client, r.teamId, r.userId);
  const due = DateTime.fromJSDate(edge.clock.now(), { zone: owner.tz }).plus({ months: 3 }).toISODate();
  await open(r, milestoneAddModal(due ?? ''));
}

/** The add-objective form; it asks for confirmation up front when 2 objectives exist already. */
export async function openOkrForm(edge: PlanEdge, r: Request): Promise<void> {
  const { owner } = await memberFor(edge, r.client, r.teamId, r.userId);
  const current = edge.plans.okrs.currentQuarter(owner);
  const existing = await edge.plans.okrs.countObjectives(owner, current);
  await open(
    r,
    okrAddModal({ quarters: [current, addQuarters(current, 1)], needsConfirmation: existing >= 2 }),
  );
}

/**
 * Posts the one-page plan to the member's DM with the app: a Markdown file, and a canvas when the
 * workspace allows one (slack-api/exports.ts, shared by every export kind).
 */
export async function exportPlanToDm(
  edge: PlanEdge,
  client: WebClient,
  teamId: string,
  userId: string,
): Promise<ExportDelivery> {
  const { member, owner } = await memberFor(edge, client, teamId, userId);
  const markdown = await edge.plans.planMarkdown(owner, memberName(member));
  return deliverExport(client, userId, {
    markdown,
    filename: 'career-plan.md',
    title: 'Career plan',
    comment: `Here is your career plan, ${esc(memberName(member))}: north star, milestones and this quarter's OKRs.`,
  });
}
