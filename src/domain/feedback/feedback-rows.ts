import type { Selectable } from 'kysely';
import type { FeedbackRequestsTable } from '../../db/schema-feedback.ts';
import type { AskStatus, FeedbackAsk, FeedbackRequest } from './feedback.ts';

/** Rows of feedback_requests and feedback_asks as the domain's types (feedback.repository.ts). */

type RequestRow = Selectable<FeedbackRequestsTable>;

export function toRequest(r: RequestRow): FeedbackRequest {
  return {
    id: r.id,
    teamId: r.team_id,
    userId: r.user_id,
    origin: r.origin,
    sourceKey: r.source_key,
    question: r.question,
    about:
      r.about_kind && r.about_label ? { kind: r.about_kind, id: r.about_id, label: r.about_label } : null,
    anonymous: r.anonymous,
    dueDate: r.due_date,
    closesAt: r.closes_at,
    tz: r.tz,
    createdAt: r.created_at,
  };
}

export const askColumns = [
  'a.id',
  'a.request_id',
  'a.team_id',
  'a.user_id',
  'a.status',
  'a.answer',
  'a.improve',
  'a.rating',
  'a.decline_reason',
  'a.responded_at',
] as const;

type AskRow = {
  id: string;
  request_id: string;
  team_id: string;
  user_id: string;
  status: AskStatus;
  answer: string | null;
  improve: string | null;
  rating: number | null;
  decline_reason: string | null;
  responded_at: Date | null;
};

export function toAsk(r: AskRow): FeedbackAsk {
  return {
    id: r.id,
    requestId: r.request_id,
    teamId: r.team_id,
    userId: r.user_id,
    status: r.status,
    answer: r.answer,
    improve: r.improve,
    rating: r.rating,
    declineReason: r.decline_reason,
    respondedAt: r.responded_at,
  };
}
