import type { Clock } from '../clock.ts';
import type { FeedbackRepository } from './feedback.repository.ts';
import {
  countAsks,
  type FeedbackAsk,
  type FeedbackRequest,
  isClosed,
  type ReceivedAnswer,
  type RequestCounts,
  receivedAnswer,
} from './feedback.ts';

/**
 * What feedback shows, read at the moment it is shown: App Home, and the DMs the outbox renders at
 * send time. What the requester sees is built only from {@link ReceivedAnswer} and counts, so an
 * anonymous request's answers, declines and silences carry no names.
 */

/** An ask waiting for the member: who asks (the requester), what, until when. */
export interface WaitingAsk {
  askId: string;
  request: FeedbackRequest;
}

export interface OpenRequest {
  request: FeedbackRequest;
  counts: RequestCounts;
}

export interface FeedbackHome {
  waiting: WaitingAsk[];
  open: OpenRequest[];
  received: ReceivedAnswer[];
}

/** The close of a request, as the requester may see it. Names are null when anonymous. */
export interface RequestSummary {
  request: FeedbackRequest;
  counts: RequestCounts;
  answeredBy: string[] | null;
  noAnswer: string[] | null;
  declined: Array<{ userId: string | null; reason: string | null }>;
}

/** Where an ask stands when its DM or reminder is about to go out. */
export type AskState =
  | { state: 'gone' }
  | { state: 'closed' | 'responded'; request: FeedbackRequest; ask: FeedbackAsk }
  | { state: 'waiting'; request: FeedbackRequest; ask: FeedbackAsk };

const HOME_LIMIT = 5;

export function summarize(request: FeedbackRequest, asks: readonly FeedbackAsk[]): RequestSummary {
  const named = !request.anonymous;
  const ids = (status: FeedbackAsk['status']) => asks.filter((a) => a.status === status).map((a) => a.userId);
  return {
    request,
    counts: countAsks(asks),
    answeredBy: named ? ids('answered') : null,
    noAnswer: named ? ids('waiting') : null,
    declined: asks
      .filter((a) => a.status === 'declined')
      .map((a) => ({ userId: named ? a.userId : null, reason: a.declineReason })),
  };
}

export function createFeedbackViews(deps: { read: FeedbackRepository; clock: Clock }) {
  const { read, clock } = deps;
  return {
    /** The member's Home: asks waiting for them, their open requests, the latest answers. */
    async home(teamId: string, userId: string): Promise<FeedbackHome> {
      const now = clock.now();
      const [waiting, open, answered] = await Promise.all([
        read.waitingFor(teamId, userId, now, HOME_LIMIT),
        read.openRequestsOf(teamId, userId, now, HOME_LIMIT),
        read.answeredRequestsOf(teamId, userId, HOME_LIMIT),
      ]);
      const received = answered
        .flatMap(({ request, asks }) => asks.map((ask) => receivedAnswer(request, ask)))
        .filter((a): a is ReceivedAnswer => a !== undefined)
        .sort((a, b) => b.respondedAt.getTime() - a.respondedAt.getTime())
        .slice(0, HOME_LIMIT);
      return {
        waiting: waiting.map(({ ask, request }) => ({ askId: ask.id, request })),
        open: open.map(({ request, asks }) => ({ request, counts: countAsks(asks) })),
        received,
      };
    },

    /** An ask as its DM is about to go out: still waiting, answered/declined, closed, or gone. */
    async askState(teamId: string, askId: string): Promise<AskState> {
      const found = await read.findAsk(teamId, askId);
      if (!found) return { state: 'gone' };
      if (found.ask.status !== 'waiting') return { state: 'responded', ...found };
      if (isClosed(found.request, clock.now())) return { state: 'closed', ...found };
      return { state: 'waiting', ...found };
    },

    /** The answer an ask gave, as its requester may see it (undefined when gone). */
    async received(teamId: string, askId: string): Promise<ReceivedAnswer | undefined> {
      const found = await read.findAsk(teamId, askId);
      return found && receivedAnswer(found.request, found.ask);
    },

    /** The request's outcome, read when the summary is sent. */
    async summary(teamId: string, requestId: string): Promise<RequestSummary | undefined> {
      const request = await read.findRequest(teamId, requestId);
      if (!request) return undefined;
      return summarize(request, await read.asksOf(request));
    },
  };
}

export type FeedbackViews = ReturnType<typeof createFeedbackViews>;
