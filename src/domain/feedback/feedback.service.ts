import type { UnitOfWork } from '../../db/unit-of-work.ts';
import type { NewOutboxMessage, OutboxMessage } from '../../outbox/message.ts';
import type { ActivityRecorder } from '../activity/activity.ts';
import type { Clock } from '../clock.ts';
import { DomainError } from '../errors.ts';
import { localDateOf } from '../schedules/local-time.ts';
import { memberTimeZone, type TeamCalendar } from '../schedules/work-calendar.ts';
import type { Member } from '../workspaces/workspace.ts';
import type { FeedbackRepository } from './feedback.repository.ts';
import {
  type AnswerInput,
  type FeedbackAbout,
  type FeedbackAsk,
  type FeedbackRequest,
  isClosed,
  validateAnswer,
  validateDeclineReason,
  validateDueDate,
  validateQuestion,
} from './feedback.ts';
import { FEEDBACK_KINDS, feedbackDm, feedbackKeys } from './messages.ts';
import { planRequestDms } from './plan-dms.ts';
import { checkPeople, type NamedPerson } from './recipients.ts';
import { closingTime, deliveryTime } from './timing.ts';

/** What one feedback write touches, in one transaction. */
export interface FeedbackRepositories {
  feedback: FeedbackRepository;
  activity: ActivityRecorder;
  /** The outbox's rows, written with the request so a request never exists without its DMs. */
  outbox: { insertMany(rows: readonly NewOutboxMessage[]): Promise<OutboxMessage[]> };
}

/** What the services read about a workspace: its calendar and its members' zones. */
export interface FeedbackDirectory {
  teamCalendar(teamId: string): Promise<TeamCalendar>;
  findMember(teamId: string, userId: string): Promise<Member | undefined>;
}

export interface FeedbackServiceDeps {
  uow: UnitOfWork<FeedbackRepositories>;
  /** Reads outside a transaction. */
  read: FeedbackRepository;
  /** Arms the timers of rows stored by a committed transaction (the outbox's second half). */
  arm(rows: readonly OutboxMessage[]): Promise<void>;
  clock: Clock;
  directory: FeedbackDirectory;
}

/** The member's zone: their Slack zone, or the team's default (never a silent UTC). */
export async function zoneOf(
  directory: FeedbackDirectory,
  teamId: string,
  userId: string,
  calendar: TeamCalendar,
): Promise<string> {
  const member = await directory.findMember(teamId, userId);
  return memberTimeZone({ tz: member?.tz ?? null }, calendar);
}

const notFound = () =>
  new DomainError(
    'feedback_not_found',
    'That feedback request is not one of yours any more (or it was deleted).',
  );

/**
 * Asking for feedback, answering and declining (docs/product/feedback.md). Rules are checked before
 * anything is stored; a request, its asks, its activity and its DMs are stored together.
 */
export function createFeedbackService(deps: FeedbackServiceDeps) {
  const { uow, read, clock, directory } = deps;

  /** The caller's own ask, still waiting, on a request still open — or why not. */
  async function waitingAsk(teamId: string, userId: string, askId: string) {
    const found = await read.findAsk(teamId, askId);
    if (!found || found.ask.userId !== userId) throw notFound();
    const { ask, request } = found;
    if (ask.status !== 'waiting') {
      throw new DomainError(
        'feedback_already_responded',
        ask.status === 'answered'
          ? 'You already answered this one. Thank you!'
          : 'You declined this one; nothing more to do.',
      );
    }
    if (isClosed(request, clock.now())) {
      throw new DomainError(
        'feedback_closed',
        `Thank you for wanting to help! This request closed on ${request.dueDate}, so it takes no more answers.`,
        'answer',
      );
    }
    return { ask, request };
  }

  return {
    /**
     * A member asks people one question. Refuses (storing nothing) an empty or vague question,
     * nobody or more than ten people, the same person twice, themselves, bots, deactivated people,
     * people of another workspace, an anonymous request to one person, a bad due date.
     */
    async ask(input: {
      teamId: string;
      requesterId: string;
      people: readonly NamedPerson[];
      question: string;
      about?: FeedbackAbout | null;
      anonymous?: boolean;
      dueDate?: string;
    }): Promise<{ request: FeedbackRequest; asks: FeedbackAsk[] }> {
      const people = checkPeople({
        teamId: input.teamId,
        requesterId: input.requesterId,
        people: input.people,
      });
      const question = validateQuestion(input.question);
      const anonymous = input.anonymous === true;
      if (anonymous && people.length < 2) {
        throw new DomainError(
          'feedback_people_invalid',
          'Anonymous answers need at least two people asked: with one, you would know who answered.',
          'people',
        );
      }
      const now = clock.now();
      const calendar = await directory.teamCalendar(input.teamId);
      const tz = await zoneOf(directory, input.teamId, input.requesterId, calendar);
      const dueDate = validateDueDate(input.dueDate, localDateOf(now, tz));
      const closesAt = closingTime(dueDate, tz);
      const zones = new Map<string, string>();
      for (const userId of people) zones.set(userId, await zoneOf(directory, input.teamId, userId, calendar));

      const { request, asks, pending } = await uow.run(async (r) => {
        const stored = await r.feedback.insertRequest({
          teamId: input.teamId,
          userId: input.requesterId,
          origin: 'peer',
          sourceKey: null,
          question,
          about: input.about ?? null,
          anonymous,
          dueDate,
          closesAt,
          tz,
          createdAt: now,
        });
        const asks = await r.feedback.insertAsks(stored.request, people, now);
        await r.activity.record([
          {
            teamId: input.teamId,
            userId: input.requesterId,
            kind: 'feedback.asked',
            sourceKey: `feedback:request:${stored.request.id}`,
            occurredAt: now,
          },
        ]);
        const rows = planRequestDms({
          request: stored.request,
          asks: asks.map((ask) => {
            const askTz = zones.get(ask.userId) ?? calendar.timeZone;
            return { ask, tz: askTz, askAt: deliveryTime(now, askTz, calendar) };
          }),
          calendar,
        });
        return { request: stored.request, asks, pending: await r.outbox.insertMany(rows) };
      });
      await deps.arm(pending);
      return { request, asks };
    },

    /** The caller's ask, for its answer or decline modal (refused when done, closed or not theirs). */
    openAsk: (teamId: string, userId: string, askId: string) => waitingAsk(teamId, userId, askId),

    /**
     * Stores an answer (once per person), records feedback given and received, and plans the
     * requester's "an answer arrived" DM. An anonymous answer's `feedback.given` is dated at the
     * request's close, so when a point appears on the leaderboard does not point at its author.
     */
    async answer(input: {
      teamId: string;
      userId: string;
      askId: string;
      fields: AnswerInput;
    }): Promise<{ request: FeedbackRequest }> {
      const { ask, request } = await waitingAsk(input.teamId, input.userId, input.askId);
      const valid = validateAnswer(request, input.fields);
      const now = clock.now();
      const calendar = await directory.teamCalendar(input.teamId);
      const requesterTz = await zoneOf(directory, input.teamId, request.userId, calendar);
      const pending = await uow.run(async (r) => {
        const stored = await r.feedback.respond(ask, { status: 'answered', ...valid, at: now });
        if (!stored)
          throw new DomainError('feedback_already_responded', 'You already answered this one. Thank you!');
        const givenAt = request.anonymous && request.closesAt > now ? request.closesAt : now;
        await r.activity.record([
          {
            teamId: input.teamId,
            userId: input.userId,
            kind: 'feedback.given',
            sourceKey: `feedback:ask:${ask.id}:given`,
            occurredAt: givenAt,
          },
          {
            teamId: input.teamId,
            userId: request.userId,
            kind: 'feedback.received',
            sourceKey: `feedback:ask:${ask.id}:received`,
            occurredAt: now,
          },
        ]);
        return r.outbox.insertMany([
          feedbackDm({
            teamId: input.teamId,
            userId: request.userId,
            tz: requesterTz,
            key: feedbackKeys.answered(ask.id),
            kind: FEEDBACK_KINDS.answered,
            dueAt: deliveryTime(now, requesterTz, calendar),
            payload: { requestId: request.id, askId: ask.id },
          }),
        ]);
      });
      await deps.arm(pending);
      return { request };
    },

    /** Declines an ask, with an optional reason the requester sees in the summary. */
    async decline(input: { teamId: string; userId: string; askId: string; reason?: string }): Promise<void> {
      const { ask } = await waitingAsk(input.teamId, input.userId, input.askId);
      const reason = validateDeclineReason(input.reason);
      const stored = await read.respond(ask, { status: 'declined', reason, at: clock.now() });
      if (!stored)
        throw new DomainError('feedback_already_responded', 'You already answered or declined this one.');
    },

    /** Erases the member's requests and every answer or decline they gave (delete-my-data). */
    eraseMember: (teamId: string, userId: string) => read.eraseMember(teamId, userId),
  };
}

export type FeedbackService = ReturnType<typeof createFeedbackService>;
