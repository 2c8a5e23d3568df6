import type { Clock } from '../domain/clock.ts';
import { RetryLaterError } from '../jobs/errors.ts';
import type { Metrics } from '../ops/metrics.ts';
import type { BotTokens } from '../slack-api/bot-tokens.ts';
import { deleteScheduledMessage } from '../slack-api/scheduled-messages.ts';
import { isPermanentSlackError, retryAfterSeconds, slackErrorCode } from '../slack-api/slack-errors.ts';
import type { BackgroundClients } from '../slack-api/web-client.ts';
import type { OutboxKinds } from './kinds.ts';
import type { OutboxRepository } from './outbox.repository.ts';

export interface UnscheduleDeps {
  outboxRepository: OutboxRepository;
  kinds: OutboxKinds;
  botTokens: BotTokens;
  clients: BackgroundClients;
  metrics: Metrics;
  clock: Clock;
}

/** Rows looked at in one pass; a larger backlog is finished by the next pass. */
const BATCH = 2000;
/** A message due this soon is left to Slack: deleting it would race its showing. */
const TOO_LATE_MS = 2000;

/**
 * Deletes the scheduled messages Slack should no longer show (docs/outbox.md, "Scheduled with
 * Slack"). Rows finished meanwhile (answered, skipped, cancelled) lose theirs; with `recheck`,
 * rows still `scheduled` are prepared again by their kind — a pause, out-of-office or paused
 * ritual since scheduling now says skip — and are deleted and skipped with that reason.
 *
 * Slack first, then the row: a crash in between leaves the row as it was, and the next pass finds
 * Slack answering "no such message", which counts as deleted. A 429 stops the pass until its
 * Retry-After (the rows already handled stay handled).
 */
export async function unscheduleHeld(
  deps: UnscheduleDeps,
  filter: { teamId?: string | undefined; userId?: string | undefined; recheck: boolean },
): Promise<{ deleted: number; kept: number }> {
  const now = deps.clock.now();
  const held = await deps.outboxRepository.heldBySlack({
    now: new Date(now.getTime() + TOO_LATE_MS),
    ...filter,
    limit: BATCH,
  });
  const tokens = new Map<string, string | undefined>();
  let deleted = 0;
  let kept = 0;
  for (const { message, recipient } of held) {
    let reason = message.status === 'scheduled' ? undefined : 'finished';
    let label = message.kind;
    if (message.status === 'scheduled') {
      const kind = deps.kinds.get(message.kind);
      const prepared = kind ? await kind.prepare(message, recipient) : { skip: 'unknown_kind' };
      if ('skip' in prepared) reason = prepared.skip;
      label = prepared.label ?? label;
    }
    if (reason === undefined) {
      kept += 1;
      continue;
    }
    if (!tokens.has(message.teamId)) tokens.set(message.teamId, await deps.botTokens.forTeam(message.teamId));
    const token = tokens.get(message.teamId);
    if (token && message.channelId && message.scheduledMessageId) {
      try {
        await deleteScheduledMessage(
          deps.clients.forToken(token),
          message.channelId,
          message.scheduledMessageId,
        );
      } catch (error) {
        const retryAfter = retryAfterSeconds(error);
        if (retryAfter !== undefined) {
          throw new RetryLaterError(Date.now() + retryAfter * 1000, 'Slack answered 429 to a delete');
        }
        // Slack will never delete it (the channel or the app's access is gone): record that and
        // go on, so one such row cannot stop every pass behind it. Anything else is retried.
        if (!isPermanentSlackError(error)) throw error;
        await deps.outboxRepository.markUnscheduled(
          message.id,
          `not_deleted:${slackErrorCode(error) ?? 'slack_error'}`.slice(0, 100),
        );
        continue;
      }
    }
    // Without a token (uninstalled) nothing can be deleted any more; the row records that.
    await deps.outboxRepository.markUnscheduled(message.id, token ? reason : 'uninstalled');
    if (message.status === 'scheduled') {
      deps.metrics.deliveries.inc({ ritual: label, outcome: 'skipped' });
    }
    deleted += 1;
  }
  return { deleted, kept };
}

/** Scheduled messages are shown by Slack at their due time; a minute later the rows say `sent`. */
const SHOWN_AFTER_MS = 60_000;

/**
 * The `outbox-unschedule` job. For a workspace (or one member): a targeted recheck after a pause,
 * out-of-office or ritual pause. Without one, the minute sweep: rows past their due time become
 * `sent`, and finished rows anywhere lose their scheduled message.
 */
export async function runUnschedule(
  deps: UnscheduleDeps,
  payload: { teamId?: string | undefined; userId?: string | undefined },
): Promise<void> {
  if (payload.teamId) {
    await unscheduleHeld(deps, { teamId: payload.teamId, userId: payload.userId, recheck: true });
    return;
  }
  await deps.outboxRepository.recordDelivered(new Date(deps.clock.now().getTime() - SHOWN_AFTER_MS));
  await unscheduleHeld(deps, { recheck: false });
}
