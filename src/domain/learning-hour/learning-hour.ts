/**
 * The weekly learning hour (docs/product/rituals.md): names shared by its domain and its Slack
 * edge. A week is one occurrence of the ritual: its thread is the occurrence's channel post.
 */
export const LEARNING_HOUR = 'learning-hour';

/** Outbox kinds: a summary given by command or modal, echoed in the thread; a digest part. */
export const SUMMARY_ECHO_KIND = 'learning-hour.summary';
export const DIGEST_KIND = 'learning-hour.digest';

/** The thread reply that shows a summary given by command or modal (one per summary). */
export function summaryEchoKey(summaryId: string): string {
  return `learning-hour:summary:${summaryId}`;
}

/** Part `n` (1-based) of a week's digest; part 1 existing means the digest was composed. */
export function digestPartKey(occurrenceId: string, part: number): string {
  return `learning-hour:digest:${occurrenceId}:${part}`;
}

/** The activity source of a summary; removed with it. */
export function summarySourceKey(summaryId: string): string {
  return `summary:${summaryId}`;
}

/** A week of the learning hour: its occurrence and its thread (the channel post). */
export interface LearningWeek {
  occurrenceId: string;
  teamId: string;
  /** The occurrence's local date (the thread's day). */
  date: string;
  /** The outbox row of the thread's opening post: thread replies target it. */
  postRowId: string;
  channelId: string | null;
  /** The opening post's ts once sent (the thread's ts). */
  messageTs: string | null;
  /** True once the week's digest was composed (scheduled or `ritual digest`). */
  digestPosted: boolean;
}
