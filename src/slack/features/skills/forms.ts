import type { ModalView } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import { localDateOf } from '../../../domain/schedules/index.ts';
import { isAdmin } from '../../kit/admin.ts';
import { noticeModal } from '../../kit/blocks.ts';
import { assessmentModal } from './blocks/assessment-modal.ts';
import { actionPlanModal, adminModal } from './blocks/forms.ts';
import { sprintStartModal } from './blocks/sprint.ts';
import { ownerFor, type SkillsEdge } from './context.ts';
import { SKILL_VIEWS } from './ids.ts';

/**
 * Opening the skills forms, shared by the `/careerplan` subcommands, App Home and DM buttons:
 * read what the form needs, then views.open with the trigger of the click or command.
 */
export interface OpenRequest {
  client: WebClient;
  triggerId: string;
  teamId: string;
  userId: string;
}

async function open(r: OpenRequest, view: ModalView): Promise<void> {
  await r.client.views.open({ trigger_id: r.triggerId, view });
}

export async function openAssessment(edge: SkillsEdge, r: OpenRequest): Promise<void> {
  const { owner } = await ownerFor(edge, r.client, r.teamId, r.userId);
  const profile = await edge.services.skills.profile(owner);
  await open(r, assessmentModal({ catalog: profile.catalog, history: profile.history }));
}

/** Admins get the catalogue form; anyone else a note saying who can change it. */
export async function openAdmin(edge: SkillsEdge, r: OpenRequest): Promise<boolean> {
  const { member } = await ownerFor(edge, r.client, r.teamId, r.userId);
  if (!(await isAdmin(edge.workspaces, member))) return false;
  const [catalog, settings] = await Promise.all([
    edge.services.skills.catalog(r.teamId),
    edge.services.store.catalog.settings(r.teamId),
  ]);
  await open(r, adminModal(catalog, settings));
  return true;
}

export async function openSprintStart(edge: SkillsEdge, r: OpenRequest): Promise<void> {
  const { owner } = await ownerFor(edge, r.client, r.teamId, r.userId);
  const profile = await edge.services.skills.profile(owner);
  await open(
    r,
    sprintStartModal({
      catalog: profile.catalog,
      today: localDateOf(edge.clock.now(), owner.tz),
      gaps: profile.gaps,
    }),
  );
}

export async function openActionPlan(edge: SkillsEdge, r: OpenRequest, skillId: string): Promise<void> {
  const { owner } = await ownerFor(edge, r.client, r.teamId, r.userId);
  const { skill, plan } = await edge.services.skills.actionPlan(owner, skillId);
  await open(r, actionPlanModal(skill, plan));
}

export function notice(title: string, text: string): ModalView {
  return noticeModal(SKILL_VIEWS.notice, title, text);
}
