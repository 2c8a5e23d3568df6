import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { Clock } from '../../../domain/clock.ts';
import type { Logger } from '../../../ops/logger.ts';
import type { HomeSection } from '../../kit/feature.ts';
import type { MemberResolver } from '../../kit/member.ts';
import { homeHeader, homeView } from './blocks/home.ts';

/**
 * App Home, assembled from every feature's sections (read at call time, so the registry can be
 * filled after this is built).
 *
 * Two changes in quick succession republish concurrently, and the publish that read the older
 * data may reach Slack last. So after publishing, the view is built again and, if it changed in
 * the meantime, published again: whichever publish finishes last shows the latest data. This
 * needs no lock, so it holds across web replicas too.
 */
export function createHomePublisher(deps: {
  resolver: MemberResolver;
  clock: Clock;
  logger: Logger;
  sections(): readonly HomeSection[];
}) {
  async function build(client: WebClient, teamId: string, userId: string) {
    const { member, tz } = await deps.resolver.resolve(client, teamId, userId);
    const now = deps.clock.now();
    const parts = await Promise.all(deps.sections().map((s) => s.render({ member, tz, now })));
    return homeView(homeHeader(member, tz, now), parts);
  }

  async function publish(client: WebClient, teamId: string, userId: string): Promise<void> {
    let view = await build(client, teamId, userId);
    for (let attempt = 0; attempt < 3; attempt++) {
      await client.views.publish({ user_id: userId, view });
      const latest = await build(client, teamId, userId);
      if (JSON.stringify(latest) === JSON.stringify(view)) return;
      view = latest;
    }
  }

  /**
   * Members whose Home this process is republishing, and whether another change came in since.
   * A burst of changes (a modal submitted twenty times a second) then costs a publish or two
   * instead of one full build-publish-build per change: the running refresh simply goes round
   * once more, and whatever it publishes last was built after the last change it was told of.
   */
  const refreshing = new Map<string, { again: boolean }>();

  return {
    publish,
    async refresh(client: WebClient, teamId: string, userId: string): Promise<void> {
      const key = `${teamId}:${userId}`;
      const running = refreshing.get(key);
      if (running) {
        running.again = true;
        return;
      }
      const state = { again: false };
      refreshing.set(key, state);
      try {
        do {
          state.again = false;
          await publish(client, teamId, userId);
        } while (state.again);
      } catch (error) {
        deps.logger.warn({ err: error, team: teamId }, 'could not republish App Home');
      } finally {
        refreshing.delete(key);
      }
    },
  };
}

export type HomePublisher = ReturnType<typeof createHomePublisher>;

/** Publishes the member's dashboard each time they open the Home tab. */
export function appHomeOpened(home: HomePublisher) {
  return async ({
    event,
    client,
    context,
  }: SlackEventMiddlewareArgs<'app_home_opened'> & AllMiddlewareArgs) => {
    if (event.tab !== 'home' || !context.teamId) return;
    await home.publish(client, context.teamId, event.user);
  };
}
