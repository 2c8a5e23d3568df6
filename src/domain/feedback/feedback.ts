import { DomainError } from '../errors.ts';
import { addDays, parseLocalDate } from '../schedules/local-time.ts';

/**
 * Feedback requests (docs/product/feedback.md): a member asks up to ten people one specific
 * question, or the app asks a design review's attendees for feedback for its presenter. Each
 * person asked answers once, declines, or does nothing; the request closes on its due date.
 */

export type FeedbackOrigin = 'peer' | 'review';
export type AskStatus = 'waiting' | 'answered' | 'declined';

/** What a question is about: one of the requester's key results, or a skill. */
export interface FeedbackAbout {
  kind: 'key_result' | 'skill';
  /** The key result's id; null for a skill named in words. */
  id: string | null;
  label: string;
}

export interface FeedbackRequest {
  id: string;
  teamId: string;
  /** Who receives the answers: the requester, or the presenter of a design review. */
  userId: string;
  origin: FeedbackOrigin;
  /** `review:<session>` for design-review asks; null for a member's own request. */
  sourceKey: string | null;
  question: string;
  about: FeedbackAbout | null;
  anonymous: boolean;
  /** The requester's local due date, `YYYY-MM-DD`. */
  dueDate: string;
  /** 17:00 on the due date, the requester's time: answers after this are refused. */
  closesAt: Date;
  tz: string;
  createdAt: Date;
}

/**
 * One person asked by one request. `userId` is the person asked — the author of the answer. It is
 * kept so a person answers once and can erase what they gave; it never leaves the domain for an
 * anonymous request (see {@link ReceivedAnswer}).
 */
export interface FeedbackAsk {
  id: string;
  requestId: string;
  teamId: string;
  userId: string;
  status: AskStatus;
  /** The answer; for design-review asks, "what worked". */
  answer: string | null;
  /** Design-review asks: one concrete thing to improve. */
  improve: string | null;
  rating: number | null;
  declineReason: string | null;
  respondedAt: Date | null;
}

/**
 * An answer as the requester may see it: `author` is null when the request is anonymous. Every
 * screen and message shown to the requester is built from this, never from {@link FeedbackAsk}.
 */
export interface ReceivedAnswer {
  requestId: string;
  origin: FeedbackOrigin;
  question: string;
  about: FeedbackAbout | null;
  anonymous: boolean;
  answer: string;
  improve: string | null;
  rating: number | null;
  respondedAt: Date;
  author: string | null;
}

/** The answer of an ask, as its requester may see it (the author only when not anonymous). */
export function receivedAnswer(request: FeedbackRequest, ask: FeedbackAsk): ReceivedAnswer | undefined {
  if (ask.status !== 'answered' || ask.answer === null) return undefined;
  return {
    requestId: request.id,
    origin: request.origin,
    question: request.question,
    about: request.about,
    anonymous: request.anonymous,
    answer: ask.answer,
    improve: ask.improve,
    rating: ask.rating,
    respondedAt: ask.respondedAt ?? request.createdAt,
    author: request.anonymous ? null : ask.userId,
  };
}

export const MAX_PEOPLE = 10;
export const QUESTION_MAX = 500;
/** A question shorter than this many words is too vague to answer well ("feedback?"). */
export const QUESTION_MIN_WORDS = 4;
export const ANSWER_MAX = 3000;
export const DECLINE_REASON_MAX = 500;
export const SKILL_LABEL_MAX = 60;
export const DEFAULT_DUE_DAYS = 7;
export const MAX_DUE_DAYS = 60;

export const QUESTION_EXAMPLE =
  '/careerplan feedback @ana @raj How clear was the rollout plan in my design doc?';

/** The question, trimmed; refused when empty, vague (fewer than four words) or too long. */
export function validateQuestion(text: string): string {
  const question = text.replace(/\s+/g, ' ').trim();
  if (question === '') {
    throw new DomainError(
      'feedback_question_invalid',
      `Write the question you want answered after the names, e.g. \`${QUESTION_EXAMPLE}\`.`,
      'question',
    );
  }
  if (question.split(' ').length < QUESTION_MIN_WORDS) {
    throw new DomainError(
      'feedback_question_invalid',
      'Make the question specific — at least four words about one thing you did, e.g. "How clear was the rollout plan in my design doc?"',
      'question',
    );
  }
  if (question.length > QUESTION_MAX) {
    throw new DomainError(
      'feedback_question_invalid',
      `Keep the question under ${QUESTION_MAX} characters (it has ${question.length}).`,
      'question',
    );
  }
  return question;
}

/**
 * The due date: `DEFAULT_DUE_DAYS` after the requester's today when none is given; otherwise a
 * date from tomorrow to `MAX_DUE_DAYS` ahead.
 */
export function validateDueDate(text: string | undefined, today: string): string {
  if (!text?.trim()) return addDays(today, DEFAULT_DUE_DAYS);
  let due: string;
  try {
    due = parseLocalDate(text.trim()).toFormat('yyyy-MM-dd');
  } catch {
    throw new DomainError('feedback_due_invalid', 'Pick a due date like 2026-09-30.', 'due');
  }
  if (due <= today) {
    throw new DomainError('feedback_due_invalid', 'Pick a due date after today.', 'due');
  }
  if (due > addDays(today, MAX_DUE_DAYS)) {
    throw new DomainError(
      'feedback_due_invalid',
      `Pick a due date within ${MAX_DUE_DAYS} days, while the question is fresh.`,
      'due',
    );
  }
  return due;
}

/** A skill named in the form (until the skills catalogue can be picked from). */
export function validateSkillLabel(text: string): string | null {
  const label = text.replace(/\s+/g, ' ').trim();
  if (label === '') return null;
  if (label.length > SKILL_LABEL_MAX) {
    throw new DomainError(
      'feedback_question_invalid',
      `Name the skill in at most ${SKILL_LABEL_MAX} characters.`,
      'skill',
    );
  }
  return label;
}

export interface AnswerInput {
  answer: string;
  improve?: string;
  rating?: string;
}

export interface ValidAnswer {
  answer: string;
  improve: string | null;
  rating: number | null;
}

function requiredText(text: string | undefined, field: string, what: string): string {
  const value = (text ?? '').trim();
  if (value === '') throw new DomainError('feedback_answer_invalid', `Write ${what}.`, field);
  if (value.length > ANSWER_MAX) {
    throw new DomainError(
      'feedback_answer_invalid',
      `Keep it under ${ANSWER_MAX} characters (it has ${value.length}).`,
      field,
    );
  }
  return value;
}

/**
 * An answer: for a design review, what worked and one concrete thing to improve (both needed);
 * otherwise the answer, with a 1-5 rating allowed only when the question is about a skill.
 */
export function validateAnswer(request: FeedbackRequest, input: AnswerInput): ValidAnswer {
  if (request.origin === 'review') {
    return {
      answer: requiredText(input.answer, 'answer', 'what worked'),
      improve: requiredText(input.improve, 'improve', 'one concrete thing to improve'),
      rating: null,
    };
  }
  const answer = requiredText(input.answer, 'answer', 'your answer');
  const ratingText = (input.rating ?? '').trim();
  if (ratingText === '' || request.about?.kind !== 'skill') return { answer, improve: null, rating: null };
  const rating = Number(ratingText);
  if (!Number.isInteger(rating) || rating < 1 || rating > 5) {
    throw new DomainError('feedback_answer_invalid', 'Pick a rating from 1 to 5, or none.', 'rating');
  }
  return { answer, improve: null, rating };
}

/** An optional reason to decline, trimmed; null when none. */
export function validateDeclineReason(text: string | undefined): string | null {
  const reason = (text ?? '').trim();
  if (reason === '') return null;
  if (reason.length > DECLINE_REASON_MAX) {
    throw new DomainError(
      'feedback_answer_invalid',
      `Keep the reason under ${DECLINE_REASON_MAX} characters.`,
      'reason',
    );
  }
  return reason;
}

/** True once a request no longer takes answers. */
export function isClosed(request: Pick<FeedbackRequest, 'closesAt'>, now: Date): boolean {
  return now.getTime() >= request.closesAt.getTime();
}

/** How a request stands: answered, declined and still waiting. */
export interface RequestCounts {
  asked: number;
  answered: number;
  declined: number;
  waiting: number;
}

export function countAsks(asks: ReadonlyArray<Pick<FeedbackAsk, 'status'>>): RequestCounts {
  const count = (status: AskStatus) => asks.filter((a) => a.status === status).length;
  return {
    asked: asks.length,
    answered: count('answered'),
    declined: count('declined'),
    waiting: count('waiting'),
  };
}
