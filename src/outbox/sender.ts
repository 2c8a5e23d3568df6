import type { Clock } from '../domain/clock.ts';
import type { WorkspaceRepository } from '../domain/workspaces/workspace.repository.ts';
import { PermanentJobError, RetryLaterError } from '../jobs/errors.ts';
import type { WorkspaceThrottle } from '../jobs/workspace-throttle.ts';
import { scrubSecrets } from '../ops/logger.ts';
import type { Metrics } from '../ops/metrics.ts';
import type { BotTokens } from '../slack-api/bot-tokens.ts';
import {
  findSentMessage,
  openDm,
  postOutboxMessage,
  type RenderedMessage,
} from '../slack-api/outbox-messages.ts';
import { isPermanentSlackError, retryAfterSeconds, slackErrorCode } from '../slack-api/slack-errors.ts';
import type { BackgroundClients } from '../slack-api/web-client.ts';
import { DEFAULT_MAX_LATENESS_MS, type OutboxKinds } from './kinds.ts';
import { type OutboxMessage, SENDING_LEASE_MS } from './message.ts';
import type { OutboxRepository } from './outbox.repository.ts';
import { bookSlot, channelWait } from './pace.ts';
import { type ScheduleAheadPolicy, schedulesAhead } from './schedule-ahead.ts';
import { findEarlierSchedule, scheduleOnce, TOO_SOON_CODES } from './scheduled-send.ts';

export interface SenderDeps {
  outboxRepository: OutboxRepository;
  kinds: OutboxKinds;
  workspaces: WorkspaceRepository;
  throttle: WorkspaceThrottle;
  botTokens: BotTokens;
  clients: BackgroundClients;
  metrics: Metrics;
  clock: Clock;
  scheduleAhead: ScheduleAheadPolicy;
}

export interface SendPayload {
  /** The outbox row's id (the job's payload keeps its historical name). */
  deliveryId: string;
  round: number;
  teamId: string;
  slotAt?: number | undefined;
  /** The channel pace slot (epoch ms) this job already booked, set when it was parked for it. */
  channelSlotAt?: number | undefined;
  /** Slack refused to schedule this round ahead: it is posted at its due time. */
  postAtDue?: boolean | undefined;
}

type Client = ReturnType<BackgroundClients['forToken']>;

/**
 * Sends one outbox row's round exactly once (docs/outbox.md):
 * 0. the workspace pace (and, for channel posts, the channel's) books a slot; the job waits for
 *    it, parked, before touching any row;
 * 1. claim the row under a lock (`planned` → `sending`); a row another worker is sending is left
 *    alone until its lease ends; a finished row ends here;
 * 2. the row's kind renders the message, or skips it (paused, out of office, ritual paused…);
 * 3. an uncertain claim (a previous attempt died after `sending`) first looks for a message
 *    carrying this row's metadata — found means sent, and nothing is posted;
 * 4. post inside the workspace's send gate, then record `sent`. A 429 blocks only this workspace
 *    until Retry-After and releases the row; a permanent error fails it; anything else keeps it
 *    uncertain and retries.
 */
export async function sendOutboxMessage(
  deps: SenderDeps,
  payload: SendPayload,
  attempt: { attempt: number; maxAttempts: number } = { attempt: 1, maxAttempts: 1 },
): Promise<void> {
  const slot = await bookSlot(deps.throttle, payload.teamId, payload.slotAt);
  const now = deps.clock.now();
  const claim = await deps.outboxRepository.claim(payload.deliveryId, payload.round, now);
  if (!claim.claimed) {
    if (claim.reason === 'in_flight') {
      throw new RetryLaterError(now.getTime() + SENDING_LEASE_MS, 'another attempt is sending this message');
    }
    return;
  }
  const row = claim.message;
  const kind = deps.kinds.get(row.kind);
  if (!kind) {
    await deps.outboxRepository.markFailed(row.id, `unknown_kind:${row.kind}`.slice(0, 100));
    deps.metrics.deliveries.inc({ ritual: 'unknown', outcome: 'failed' });
    throw new PermanentJobError('unknown_kind', `no outbox kind "${row.kind}" is registered`);
  }
  const prepared = await kind.prepare(row, claim.recipient);
  const label = prepared.label ?? kind.name;
  const count = (outcome: 'sent' | 'scheduled' | 'skipped' | 'failed') =>
    deps.metrics.deliveries.inc({ ritual: label, outcome });
  const skip = async (reason: string) => {
    await deps.outboxRepository.markSkipped(row.id, reason);
    count('skipped');
  };
  if ('skip' in prepared) return skip(prepared.skip);
  if (now.getTime() - row.dueAt.getTime() > (kind.maxLatenessMs ?? DEFAULT_MAX_LATENESS_MS)) {
    return skip('missed');
  }
  const ahead = !payload.postAtDue && schedulesAhead(deps.scheduleAhead, row, now);
  const armedAhead = deps.scheduleAhead.windowMs > 0 && deps.scheduleAhead.schedulable(row.kind);
  if (
    !ahead &&
    armedAhead &&
    !payload.postAtDue &&
    row.dueAt.getTime() - now.getTime() > EARLY_TOLERANCE_MS
  ) {
    // Armed to be scheduled ahead, but too close to its time for that now: posted when due,
    // never early. Nothing was sent.
    await deps.outboxRepository.release(row.id, null);
    throw new RetryLaterError(row.dueAt.getTime(), 'posted at its due time', {
      slotAt: undefined,
      postAtDue: true,
    });
  }

  const token = await deps.botTokens.forTeam(row.teamId);
  if (!token) {
    await deps.outboxRepository.markFailed(row.id, 'not_installed');
    count('failed');
    throw new PermanentJobError('not_installed', `workspace ${row.teamId} has no installation`);
  }
  const client = deps.clients.forToken(token);

  // Set once the post itself is attempted: a 429 before that (the look-up of an uncertain
  // retry) says nothing about whether an earlier attempt posted.
  let posting = false;
  try {
    const where = await resolveTarget(deps, client, row, claim.recipient.dmChannelId, claim.uncertain);
    if (claim.uncertain && where.lookIn && deps.scheduleAhead.schedulable(row.kind)) {
      // An earlier attempt may have scheduled this round (no metadata to look for): find it.
      const earlier = await findEarlierSchedule(client, where.lookIn, row, prepared.send, now);
      if (earlier && 'scheduledMessageId' in earlier) {
        await deps.outboxRepository.markScheduled(row.id, row.round, {
          channelId: where.lookIn,
          scheduledMessageId: earlier.scheduledMessageId,
        });
        count('scheduled');
        return;
      }
      if (earlier) {
        await deps.outboxRepository.markSent(row.id, row.round, {
          channelId: where.lookIn,
          messageTs: earlier.shownTs,
          sentAt: now,
        });
        count('sent');
        return;
      }
    }
    if (claim.uncertain && where.lookIn) {
      const ts = await findSentMessage(
        client,
        { channel: where.lookIn, threadTs: where.threadTs, since: row.dueAt },
        { outboxId: row.id, round: row.round },
      );
      if (ts) {
        await deps.outboxRepository.markSent(row.id, row.round, {
          channelId: where.lookIn,
          messageTs: ts,
          sentAt: now,
        });
        count('sent');
        return;
      }
    }

    let wait = slot - Date.now();
    if (row.target !== 'dm') {
      const channel = await channelWait(deps.throttle, row.teamId, where.postTo, payload.channelSlotAt);
      if ('retryAt' in channel) {
        // Nothing was posted by this attempt, and an uncertain one was looked up above.
        await deps.outboxRepository.release(row.id, null);
        throw new RetryLaterError(channel.retryAt, 'channel pace', {
          slotAt: undefined,
          channelSlotAt: channel.slotAt,
        });
      }
      wait = Math.max(wait, channel.sleepMs);
    }
    if (wait > 0) await sleep(wait);
    if (ahead) {
      const channel = where.lookIn ?? (await openDm(client, row.userId ?? ''));
      if (!where.lookIn) await deps.workspaces.saveDmChannel(row.teamId, row.userId ?? '', channel);
      posting = true;
      const gated = await deps.throttle.exclusive(
        row.teamId,
        () => scheduleOnce(deps, client, row, channel, prepared.send),
        GATE_WAIT_MS,
      );
      if (!gated.acquired) {
        await deps.outboxRepository.release(row.id, null);
        throw new RetryLaterError(Date.now() + 1000, 'workspace send gate busy', { slotAt: undefined });
      }
      await deps.outboxRepository.markScheduled(row.id, row.round, {
        channelId: channel,
        scheduledMessageId: gated.value.scheduledMessageId,
      });
      count('scheduled');
      return;
    }
    posting = true;
    const gated = await deps.throttle.exclusive(
      row.teamId,
      () => sendOnce(deps, client, row, where, prepared.send),
      GATE_WAIT_MS,
    );
    if (!gated.acquired) {
      await deps.outboxRepository.release(row.id, null);
      throw new RetryLaterError(Date.now() + 1000, 'workspace send gate busy', { slotAt: undefined });
    }
    const posted = gated.value;
    if (row.target === 'dm' && row.userId && !where.lookIn) {
      await deps.workspaces.saveDmChannel(row.teamId, row.userId, posted.channel);
    }
    const sentAt = deps.clock.now();
    await deps.outboxRepository.markSent(row.id, row.round, {
      channelId: posted.channel,
      messageTs: posted.ts,
      sentAt,
    });
    count('sent');
    deps.metrics.deliveryLateness.observe(
      { ritual: label },
      Math.max(0, sentAt.getTime() - row.dueAt.getTime()) / 1000,
    );
  } catch (error) {
    if (error instanceof RetryLaterError) throw error;
    if (error instanceof PermanentJobError) {
      count('failed');
      throw error;
    }
    const retryAfter = retryAfterSeconds(error);
    if (retryAfter !== undefined) {
      const note = `ratelimited (Retry-After ${retryAfter}s)`;
      // A refused post certainly did not post (its workspace block was set inside the send gate);
      // a refused look-up leaves the attempt as uncertain as it was.
      if (posting) await deps.outboxRepository.release(row.id, note);
      else await deps.outboxRepository.recordError(row.id, note);
      throw new RetryLaterError(Date.now() + retryAfter * 1000, 'Slack answered 429', { slotAt: undefined });
    }
    const refusal = slackErrorCode(error);
    if (posting && ahead && refusal !== undefined && TOO_SOON_CODES.has(refusal)) {
      // Slack would not hold it (too close, or too many for that channel's five minutes): nothing
      // was scheduled, so it is posted at its due time like any other message.
      await deps.outboxRepository.release(row.id, `chat.scheduleMessage: ${refusal}`);
      throw new RetryLaterError(row.dueAt.getTime(), `scheduling refused (${refusal})`, {
        slotAt: undefined,
        postAtDue: true,
      });
    }
    if (isPermanentSlackError(error)) {
      const code = slackErrorCode(error) ?? 'slack_error';
      await deps.outboxRepository.markFailed(row.id, code);
      count('failed');
      throw new PermanentJobError(code, `Slack refused the message: ${code}`);
    }
    // 5xx, timeout, network: the post may or may not have happened; the next attempt checks.
    // On the last attempt the row is failed, so it shows up for operators and is not picked up
    // again by reconcile.
    const message = scrubSecrets((error as Error).message ?? String(error)).slice(0, 500);
    if (attempt.attempt >= attempt.maxAttempts) {
      await deps.outboxRepository.markFailed(row.id, message);
      count('failed');
    } else {
      await deps.outboxRepository.recordError(row.id, message);
    }
    throw error;
  }
}

/**
 * Where the post goes and where an uncertain retry looks for it. A DM posts to the known DM
 * channel, or to the member's id (Slack answers with the channel); an uncertain DM retry opens
 * the DM first so it can look in it. A thread reply waits until its parent was sent, and until
 * the replies stored before it were, so a reply in parts reads in order.
 */
async function resolveTarget(
  deps: SenderDeps,
  client: Client,
  row: OutboxMessage,
  memberDm: string | null,
  uncertain: boolean,
): Promise<{ postTo: string; lookIn: string | null; threadTs?: string | undefined }> {
  if (row.target === 'dm') {
    const userId = row.userId ?? '';
    let dm = row.channelId ?? memberDm;
    if (!dm && uncertain) {
      dm = await openDm(client, userId);
      await deps.workspaces.saveDmChannel(row.teamId, userId, dm);
    }
    return { postTo: dm ?? userId, lookIn: dm };
  }
  if (row.target === 'channel') {
    const channel = row.channelId ?? '';
    return { postTo: channel, lookIn: channel };
  }
  const parent = row.parentId ? await deps.outboxRepository.find(row.parentId) : undefined;
  if (!parent || parent.status === 'failed' || parent.status === 'skipped') {
    // The thread will never exist: the reply is failed for operators, not left in `sending`.
    await deps.outboxRepository.markFailed(row.id, 'no_parent');
    throw new PermanentJobError('no_parent', 'the thread this reply belongs to was never posted');
  }
  if (!parent.messageTs || !parent.channelId) {
    await deps.outboxRepository.release(row.id, 'waiting for the thread to be posted');
    throw new RetryLaterError(Date.now() + 2000, 'thread parent not sent yet', { slotAt: undefined });
  }
  if (!uncertain && (await deps.outboxRepository.earlierReplyPending(row))) {
    await deps.outboxRepository.release(row.id, null);
    throw new RetryLaterError(Date.now() + 1000, 'an earlier reply in this thread is not sent yet', {
      slotAt: undefined,
    });
  }
  return { postTo: parent.channelId, lookIn: parent.channelId, threadTs: parent.messageTs };
}

/** A send job may start this early (BullMQ wakes delayed jobs in batches). */
const EARLY_TOLERANCE_MS = 250;

/** How long a send may wait for its workspace's gate before the job is parked. */
const GATE_WAIT_MS = 3000;

/**
 * The post itself, inside the workspace's send gate: a 429 blocks the workspace until its
 * Retry-After before the gate opens for the next send, and a block set meanwhile is honoured.
 */
async function sendOnce(
  deps: SenderDeps,
  client: Client,
  row: OutboxMessage,
  where: { postTo: string; threadTs?: string | undefined },
  message: RenderedMessage,
): Promise<{ ts: string; channel: string }> {
  const blocked = await deps.throttle.blockedMs(row.teamId);
  if (blocked > 0) {
    await deps.outboxRepository.release(row.id, null);
    throw new RetryLaterError(Date.now() + blocked, 'workspace rate-limited by Slack', { slotAt: undefined });
  }
  try {
    return await postOutboxMessage(client, { channel: where.postTo, threadTs: where.threadTs }, message, {
      outboxId: row.id,
      round: row.round,
    });
  } catch (error) {
    const retryAfter = retryAfterSeconds(error);
    if (retryAfter !== undefined) await deps.throttle.blockUntil(row.teamId, Date.now() + retryAfter * 1000);
    throw error;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
