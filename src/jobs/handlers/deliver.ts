import { type SenderDeps, type SendPayload, sendOutboxMessage } from '../../outbox/sender.ts';
import type { JobInfo } from '../worker.ts';

/** The `deliver` job: sends one outbox row's round exactly once (src/outbox/sender.ts). */
export function createDeliverHandler(deps: SenderDeps) {
  return async (payload: SendPayload, info: JobInfo) => sendOutboxMessage(deps, payload, info);
}
