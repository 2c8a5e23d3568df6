import type { UnitOfWork } from '../../db/unit-of-work.ts';
import type { NewOutboxMessage, OutboxMessage } from '../../outbox/message.ts';
import type { ActivityRecorder } from '../activity/activity.ts';
import type { Clock } from '../clock.ts';
import { type LearningWeek, SUMMARY_ECHO_KIND, summaryEchoKey, summarySourceKey } from './learning-hour.ts';
import type { SummaryRepository } from './summary.repository.ts';
import { type SummaryInput, summaryFromReply, validateSummary } from './summary.ts';

/** What storing a summary writes, in one transaction. */
export interface SummaryRepositories {
  summaries: Pick<SummaryRepository, 'insert' | 'updateByMessage' | 'deleteByMessage'>;
  activity: ActivityRecorder & { removeSource(teamId: string, sourceKey: string): Promise<number> };
  outbox: {
    insertMany(messages: readonly NewOutboxMessage[]): Promise<OutboxMessage[]>;
    markDone(id: string): Promise<void>;
  };
}

/** A summary given by command or modal, as stored. */
export interface GivenSummary {
  id: string;
  summary: SummaryInput;
  /** The week it joined; undefined when no thread is open (the next digest claims it). */
  week: LearningWeek | undefined;
  /** The member's own reminder it answered, if it came from one. */
  reminder: OutboxMessage | undefined;
}

/**
 * Learning summaries (docs/product/rituals.md): given by `/careerplan summary`, by the modal, or
 * by replying in the week's thread. Each is stored with its `summary.posted` activity; one given
 * by command or modal is also echoed into the thread through the outbox (the row is written in
 * the same transaction, so it is sent exactly once even if the process stops right after).
 */
export function createSummaryService(deps: {
  uow: UnitOfWork<SummaryRepositories>;
  weeks: Pick<SummaryRepository, 'currentWeek' | 'weekByThread' | 'weekOf'>;
  findReminder(id: string): Promise<OutboxMessage | undefined>;
  /** Arms the timers of rows already stored (the outbox's enqueue: storing again is a no-op). */
  arm(messages: readonly NewOutboxMessage[]): Promise<unknown>;
  clock: Clock;
}) {
  /**
   * The week a new summary joins: its reminder's week, or the thread whose button was used, else
   * the open thread whose digest is not out yet (none: the next digest claims the summary).
   */
  async function weekFor(teamId: string, chosen: string | undefined) {
    if (chosen) {
      const week = await deps.weeks.weekOf(chosen);
      if (week?.teamId === teamId && week.messageTs) return week;
    }
    const current = await deps.weeks.currentWeek(teamId);
    return current && !current.digestPosted ? current : undefined;
  }

  return {
    async give(input: {
      teamId: string;
      userId: string;
      text: string;
      link?: string | null;
      source: 'command' | 'modal';
      reminderId?: string | null;
      /** The week whose thread button opened the modal. */
      weekId?: string | null;
    }): Promise<GivenSummary> {
      const summary = validateSummary({ text: input.text, link: input.link ?? null });
      const found = input.reminderId ? await deps.findReminder(input.reminderId) : undefined;
      // Only the member's own reminder in this workspace counts; any other id is ignored.
      const reminder =
        found && found.teamId === input.teamId && found.userId === input.userId ? found : undefined;
      const week = await weekFor(input.teamId, reminder?.occurrenceId ?? input.weekId ?? undefined);
      const now = deps.clock.now();
      let echo: NewOutboxMessage | undefined;
      const id = await deps.uow.run(async (r) => {
        const stored = await r.summaries.insert({
          teamId: input.teamId,
          userId: input.userId,
          occurrenceId: week?.occurrenceId ?? null,
          body: summary.body,
          link: summary.link,
          source: input.source,
        });
        await r.activity.record([
          {
            teamId: input.teamId,
            userId: input.userId,
            kind: 'summary.posted',
            sourceKey: summarySourceKey(stored.id),
            occurredAt: now,
          },
        ]);
        if (week) {
          echo = {
            teamId: input.teamId,
            key: summaryEchoKey(stored.id),
            kind: SUMMARY_ECHO_KIND,
            target: { type: 'thread', parentId: week.postRowId },
            dueAt: now,
            payload: { summaryId: stored.id },
          };
          await r.outbox.insertMany([echo]);
        }
        if (reminder) await r.outbox.markDone(reminder.id);
        return stored.id;
      });
      if (echo) await deps.arm([echo]);
      return { id, summary, week, reminder };
    },

    /**
     * A reply in a learning-hour thread becomes a summary. Replies elsewhere and replies without
     * text are ignored; the same message delivered twice is stored once. True when stored now.
     */
    async fromReply(input: {
      teamId: string;
      userId: string;
      channelId: string;
      threadTs: string;
      messageTs: string;
      text: string;
    }): Promise<boolean> {
      const week = await deps.weeks.weekByThread(input.teamId, input.channelId, input.threadTs);
      const summary = week && summaryFromReply(input.text);
      if (!week || !summary) return false;
      const now = deps.clock.now();
      return deps.uow.run(async (r) => {
        const stored = await r.summaries.insert({
          teamId: input.teamId,
          userId: input.userId,
          occurrenceId: week.occurrenceId,
          body: summary.body,
          link: summary.link,
          source: 'thread',
          channelId: input.channelId,
          messageTs: input.messageTs,
        });
        if (!stored.created) return false;
        await r.activity.record([
          {
            teamId: input.teamId,
            userId: input.userId,
            kind: 'summary.posted',
            sourceKey: summarySourceKey(stored.id),
            occurredAt: now,
          },
        ]);
        return true;
      });
    },

    /** An edited reply updates its summary; edited down to no text, it is removed. */
    async replyEdited(input: { teamId: string; channelId: string; messageTs: string; text: string }) {
      const summary = summaryFromReply(input.text);
      if (!summary) return this.replyDeleted(input);
      return deps.uow.run(async (r) =>
        r.summaries.updateByMessage(input.teamId, input.channelId, input.messageTs, summary),
      );
    },

    /** A deleted reply takes its summary, and the summary's activity, with it. */
    async replyDeleted(input: { teamId: string; channelId: string; messageTs: string }) {
      return deps.uow.run(async (r) => {
        const id = await r.summaries.deleteByMessage(input.teamId, input.channelId, input.messageTs);
        if (id) await r.activity.removeSource(input.teamId, summarySourceKey(id));
        return id;
      });
    },
  };
}

export type SummaryService = ReturnType<typeof createSummaryService>;
