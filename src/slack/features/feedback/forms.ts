import type { WebClient } from '@slack/web-api';
import { DEFAULT_DUE_DAYS } from '../../../domain/feedback/feedback.ts';
import { addDays, localDateOf } from '../../../domain/schedules/index.ts';
import type { AboutOption } from './blocks/modals.ts';
import { requestModal } from './blocks/modals.ts';
import type { FeedbackEdge } from './context.ts';

interface Opener {
  client: WebClient;
  triggerId: string;
  teamId: string;
  userId: string;
}

/** The requester's key results this quarter (in their zone), offered as what a question is about. */
export async function keyResultOptions(
  edge: FeedbackEdge,
  owner: { teamId: string; userId: string; tz: string },
): Promise<AboutOption[]> {
  const { numbered } = await edge.plans.okrs.quarter(owner);
  return numbered.map((n) => ({ id: n.keyResult.id, label: `KR ${n.number}: ${n.keyResult.title}` }));
}

/** Opens the new-request form: due date a week from the member's today, their key results. */
export async function openRequestForm(edge: FeedbackEdge, r: Opener): Promise<void> {
  const { tz } = await edge.resolver.resolve(r.client, r.teamId, r.userId);
  const today = localDateOf(edge.clock.now(), tz);
  const keyResults = await keyResultOptions(edge, { teamId: r.teamId, userId: r.userId, tz });
  await r.client.views.open({
    trigger_id: r.triggerId,
    view: requestModal({ dueDate: addDays(today, DEFAULT_DUE_DAYS), keyResults }),
  });
}
