import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { homeView } from '../../blocks/home.ts';
import type { EdgeServices } from '../../services.ts';

/** Publishes the member's dashboard each time they open the Home tab. */
export function appHomeOpened(services: EdgeServices) {
  return async ({
    event,
    client,
    context,
  }: SlackEventMiddlewareArgs<'app_home_opened'> & AllMiddlewareArgs) => {
    if (event.tab !== 'home' || !context.teamId) return;
    const member = await services.members.ensure(client, context.teamId, event.user);
    await client.views.publish({ user_id: event.user, view: homeView(member, services.clock.now()) });
  };
}
