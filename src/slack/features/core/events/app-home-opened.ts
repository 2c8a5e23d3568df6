import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { PlanServices } from '../../../../domain/plans/plan.service.ts';
import type { EdgeServices } from '../../../services.ts';
import { homeView } from '../blocks/home.ts';

/**
 * The services App Home needs. `plans` is optional so the foundation (and any test that builds
 * EdgeServices by hand) still gets the welcome view; deps.ts provides it in the real app.
 */
export type HomeServices = Pick<EdgeServices, 'members' | 'clock'> & { plans?: PlanServices };

/**
 * Builds the member's dashboard from their plan and publishes it to their Home tab.
 *
 * Two changes in quick succession republish concurrently, and the publish that read the older
 * plan may reach Slack last. So after publishing, the plan is read again and, if it changed in
 * the meantime, published again: whichever publish finishes last shows the latest plan. This
 * needs no lock, so it holds across web replicas too.
 */
export async function publishHome(
  services: HomeServices,
  client: WebClient,
  teamId: string,
  userId: string,
): Promise<void> {
  const member = await services.members.ensure(client, teamId, userId);
  const owner = { teamId, userId, tz: member.tz ?? 'UTC' };
  const read = async () => (services.plans ? await services.plans.dashboard(owner) : undefined);
  let plan = await read();
  for (let attempt = 0; attempt < 3; attempt++) {
    await client.views.publish({ user_id: userId, view: homeView(member, services.clock.now(), plan) });
    if (!services.plans) return;
    const latest = await read();
    if (JSON.stringify(latest) === JSON.stringify(plan)) return;
    plan = latest;
  }
}

/** Publishes the member's dashboard each time they open the Home tab. */
export function appHomeOpened(services: EdgeServices & { plans?: PlanServices }) {
  return async ({
    event,
    client,
    context,
  }: SlackEventMiddlewareArgs<'app_home_opened'> & AllMiddlewareArgs) => {
    if (event.tab !== 'home' || !context.teamId) return;
    await publishHome(services, client, context.teamId, event.user);
  };
}
