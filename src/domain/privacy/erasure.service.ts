import type { ErasureRecord } from './erasure.repository.ts';

/** A member of one workspace, whose data is erased. */
export interface ErasureSubject {
  teamId: string;
  userId: string;
}

/** What an erase did. */
export interface ErasureResult {
  /** What each feature's erase hook reports, by `<feature>.<thing>`. */
  erased: Record<string, number>;
  /** Messages planned for the member that will now never be sent. */
  cancelledReminders: number;
  /** Rows of the member still found afterwards, by table: a feature without an erase hook. */
  leftOver: Record<string, number>;
}

/**
 * Delete-my-data (docs/product/delete-my-data.md). The order matters: pending reminders are
 * cancelled first (so no worker claims one while the rest goes), then every feature's erase hook
 * runs (the registry runs the core's last: DMs, activity, then the profile), then the inventory is
 * read again — anything left is reported rather than hidden — and the audit records who erased
 * whom with the counts only.
 */
export function createErasureService(deps: {
  inventory(teamId: string, userId: string): Promise<Record<string, number>>;
  cancelReminders(teamId: string, userId: string): Promise<number>;
  eraseEverywhere(subject: ErasureSubject): Promise<Record<string, number>>;
  audit: { record(entry: ErasureRecord): Promise<void> };
}) {
  return {
    /** What is stored about the member, by table (the confirmation shows it). */
    preview: (subject: ErasureSubject) => deps.inventory(subject.teamId, subject.userId),

    async erase(subject: ErasureSubject, actorId: string): Promise<ErasureResult> {
      const cancelledReminders = await deps.cancelReminders(subject.teamId, subject.userId);
      const erased = await deps.eraseEverywhere(subject);
      const leftOver = await deps.inventory(subject.teamId, subject.userId);
      await deps.audit.record({
        teamId: subject.teamId,
        subjectId: subject.userId,
        actorId,
        counts: { ...erased, 'reminders.cancelled': cancelledReminders },
      });
      return { erased, cancelledReminders, leftOver };
    },
  };
}

export type ErasureService = ReturnType<typeof createErasureService>;
