import type { WebClient } from '@slack/web-api';
import type { Clock } from '../../../domain/clock.ts';
import type { DesignReviewRepository } from '../../../domain/design-review/design-review.repository.ts';
import type { DesignReviewService } from '../../../domain/design-review/design-review.service.ts';
import type { Session } from '../../../domain/design-review/design-review.ts';
import type { SwapService } from '../../../domain/design-review/swap.service.ts';
import type { CalendarRepository } from '../../../domain/rituals/calendar.repository.ts';
import type { OccurrenceRepository } from '../../../domain/rituals/occurrence.repository.ts';
import { ritualPostKey } from '../../../domain/rituals/occurrence.ts';
import type { RitualRepository } from '../../../domain/rituals/ritual.repository.ts';
import type { WorkspaceRepository } from '../../../domain/workspaces/workspace.repository.ts';
import type { Logger } from '../../../ops/logger.ts';
import type { OutboxRepository } from '../../../outbox/outbox.repository.ts';
import type { HomeRefresher } from '../../kit/feature.ts';
import type { SubmissionGuard } from '../../kit/form.ts';
import type { MemberResolver } from '../../kit/member.ts';
import { sessionPost } from './blocks/session-post.ts';

/** What the design-review listeners and its ritual type use (never the whole container). */
export interface DesignReviewEdge {
  logger: Logger;
  clock: Clock;
  workspaces: WorkspaceRepository;
  resolver: MemberResolver;
  guard: SubmissionGuard;
  home: HomeRefresher;
  rituals: RitualRepository;
  calendar: CalendarRepository;
  occurrences: OccurrenceRepository;
  outboxRepository: OutboxRepository;
  reviews: DesignReviewRepository;
  service: DesignReviewService;
  swaps: SwapService;
}

/** Names written out (never mentions: a bot post must not notify anyone by accident). */
export async function nameOf(
  edge: Pick<DesignReviewEdge, 'workspaces'>,
  teamId: string,
  userId: string | null,
) {
  if (!userId) return undefined;
  const member = await edge.workspaces.findMember(teamId, userId);
  return member?.realName || member?.displayName || 'a teammate';
}

/** The zone a ritual's channel posts use: its own, or the team's default. */
export async function ritualZone(edge: Pick<DesignReviewEdge, 'rituals' | 'calendar'>, ritualId: string) {
  const ritual = await edge.rituals.findById(ritualId);
  return ritual?.timeZone ?? (ritual ? (await edge.calendar.teamCalendar(ritual.teamId)).timeZone : 'UTC');
}

/** The session post as it should read now (presenter, topic). */
export async function renderSessionPost(edge: DesignReviewEdge, session: Session) {
  const zone = await ritualZone(edge, session.ritualId);
  return sessionPost(session, await nameOf(edge, session.teamId, session.presenterId), zone);
}

/**
 * After a swap or a new topic, the session post already in the channel is brought up to date
 * (an edit of the bot's own message; the post itself went out through the outbox).
 */
export async function refreshSessionPost(edge: DesignReviewEdge, client: WebClient, occurrenceId: string) {
  const session = await edge.reviews.session(occurrenceId);
  if (!session) return;
  const post = await edge.outboxRepository.findByKey(session.teamId, ritualPostKey(occurrenceId));
  if (!post?.messageTs || !post.channelId) return;
  try {
    await client.chat.update({
      channel: post.channelId,
      ts: post.messageTs,
      ...(await renderSessionPost(edge, session)),
    });
  } catch (error) {
    edge.logger.warn({ err: error, team: session.teamId }, 'could not update the design-review post');
  }
}
