import type { UnitOfWork } from '../../db/unit-of-work.ts';
import type { NewOutboxMessage, OutboxMessage } from '../../outbox/message.ts';
import type { Clock } from '../clock.ts';
import { DomainError } from '../errors.ts';
import { DIGEST_KIND, digestPartKey, type LearningWeek } from './learning-hour.ts';
import type { SummaryRepository } from './summary.repository.ts';
import type { LearningSummary } from './summary.ts';

/** One person's summaries of the week, in the order they were given. */
export interface DigestPerson {
  userId: string;
  summaries: LearningSummary[];
}

/** The week's summaries grouped by person; people in the order they first contributed. */
export function groupByPerson(summaries: readonly LearningSummary[]): DigestPerson[] {
  const byUser = new Map<string, DigestPerson>();
  for (const s of summaries) {
    const person = byUser.get(s.userId) ?? { userId: s.userId, summaries: [] };
    person.summaries.push(s);
    byUser.set(s.userId, person);
  }
  return [...byUser.values()];
}

/** A finished digest message (Slack's `{ text, blocks }`, kept opaque here). */
export interface DigestPart {
  text: string;
  blocks?: unknown[];
}

export interface DigestRepositories {
  summaries: Pick<SummaryRepository, 'lockWeek' | 'digestComposed' | 'claimUnattached' | 'forWeek'>;
  outbox: { insertMany(messages: readonly NewOutboxMessage[]): Promise<OutboxMessage[]> };
}

export type PostedDigest = { posted: true; parts: number; summaries: number; people: number };
export type DigestOutcome = PostedDigest | { posted: false; reason: 'already_posted' | 'no_thread' };

/**
 * The week's digest (docs/product/rituals.md): every summary of the week (and those given while no
 * thread was open) grouped by person, as one or more replies in the week's thread. It is composed
 * once per week — under a lock on the week, and only if its first part is not stored yet — and
 * its parts are written to the outbox in the same transaction, so the scheduled digest and
 * `ritual digest` together post it exactly once.
 */
export function createDigestService(deps: {
  uow: UnitOfWork<DigestRepositories>;
  weeks: Pick<SummaryRepository, 'currentWeek' | 'weekOf'>;
  /** Renders the parts (the Slack edge knows Block Kit's limits); never drops a summary silently. */
  compose(week: LearningWeek, people: readonly DigestPerson[]): Promise<DigestPart[]>;
  arm(messages: readonly NewOutboxMessage[]): Promise<unknown>;
  clock: Clock;
}) {
  async function post(week: LearningWeek): Promise<DigestOutcome> {
    let messages: NewOutboxMessage[] = [];
    const outcome = await deps.uow.run(async (r): Promise<DigestOutcome> => {
      await r.summaries.lockWeek(week.occurrenceId);
      if (await r.summaries.digestComposed(week.teamId, week.occurrenceId)) {
        return { posted: false, reason: 'already_posted' };
      }
      await r.summaries.claimUnattached(week.teamId, week.occurrenceId);
      const summaries = await r.summaries.forWeek(week.occurrenceId);
      const people = groupByPerson(summaries);
      const parts = await deps.compose(week, people);
      const now = deps.clock.now();
      messages = parts.map((part, i) => ({
        teamId: week.teamId,
        key: digestPartKey(week.occurrenceId, i + 1),
        kind: DIGEST_KIND,
        target: { type: 'thread' as const, parentId: week.postRowId },
        // A moment apart, so the parts keep their order in the thread.
        dueAt: new Date(now.getTime() + i),
        occurrenceId: week.occurrenceId,
        payload: { text: part.text, ...(part.blocks ? { blocks: part.blocks } : {}) },
      }));
      await r.outbox.insertMany(messages);
      return { posted: true, parts: parts.length, summaries: summaries.length, people: people.length };
    });
    if (outcome.posted) await deps.arm(messages);
    return outcome;
  }

  return {
    /** The scheduled digest of one week (an occurrence step). */
    async postForWeek(occurrenceId: string): Promise<DigestOutcome> {
      const week = await deps.weeks.weekOf(occurrenceId);
      if (!week) return { posted: false, reason: 'no_thread' };
      return post(week);
    },

    /** `/careerplan ritual digest learning-hour`: this week's digest now, if not posted yet. */
    async postNow(teamId: string): Promise<PostedDigest & { week: LearningWeek }> {
      const week = await deps.weeks.currentWeek(teamId);
      if (!week) {
        throw new DomainError(
          'digest_unavailable',
          'No learning-hour thread has been posted yet, so there is nothing to digest. `/careerplan ritual run learning-hour` opens one now.',
        );
      }
      const outcome = await post(week);
      if (!outcome.posted) {
        throw new DomainError(
          'digest_unavailable',
          `The digest of the ${week.date} thread is already in the thread, so nothing was posted again.`,
        );
      }
      return { ...outcome, week };
    },
  };
}

export type DigestService = ReturnType<typeof createDigestService>;
