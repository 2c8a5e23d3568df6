import type { RenderedMessage } from '../slack-api/outbox-messages.ts';
import type { OutboxMessage, RecipientAtClaim } from './message.ts';

/** What a kind decides at send time: the message to post, or why nothing is posted. */
export type Prepared = { send: RenderedMessage; label?: string } | { skip: string; label?: string };

/**
 * A kind of message a feature sends through the outbox. The row holds what the kind needs; the
 * kind renders the message when it is sent, so a reminder reflects the ritual as it is then, and
 * decides to skip it (the ritual was paused, the member is out of office). `label` is the bounded
 * metric label of the row (e.g. the ritual name); it defaults to the kind's name.
 */
export interface OutboxKind {
  name: string;
  prepare(message: OutboxMessage, recipient: RecipientAtClaim): Promise<Prepared>;
  /** A message found this late (its job waited out an outage) is skipped as `missed`. */
  maxLatenessMs?: number;
  /**
   * Member DMs of this kind are handed to Slack ahead of their time (chat.scheduleMessage), so a
   * whole team due at one minute sees them on that minute (docs/outbox.md). Only for kinds whose
   * every reason to skip is re-checked when it changes (the unschedule job deletes them then).
   */
  scheduleAhead?: boolean;
}

/** Default lateness after which a message would arrive out of context. */
export const DEFAULT_MAX_LATENESS_MS = 12 * 3600_000;

/**
 * Every kind the features registered, by name (filled at start-up from the feature list); a name
 * claimed twice is a programming error.
 */
export function createOutboxKinds(kinds: readonly OutboxKind[] = []) {
  const byName = new Map<string, OutboxKind>();
  const registry = {
    register(kind: OutboxKind): void {
      if (byName.has(kind.name)) throw new Error(`outbox kind "${kind.name}" registered twice`);
      byName.set(kind.name, kind);
    },
    get: (name: string) => byName.get(name),
    names: () => [...byName.keys()],
  };
  for (const kind of kinds) registry.register(kind);
  return registry;
}

export type OutboxKinds = ReturnType<typeof createOutboxKinds>;

/**
 * A kind whose rows carry their finished message in the payload (`{ text, blocks }`): channel
 * posts and thread replies whose content is known when they are enqueued.
 */
export function prerenderedKind(name: string, options: { maxLatenessMs?: number } = {}): OutboxKind {
  return {
    name,
    ...(options.maxLatenessMs ? { maxLatenessMs: options.maxLatenessMs } : {}),
    async prepare(message) {
      const text = message.payload.text;
      if (typeof text !== 'string') return { skip: 'invalid_payload' };
      const blocks = Array.isArray(message.payload.blocks)
        ? (message.payload.blocks as RenderedMessage['blocks'])
        : undefined;
      return { send: { text, ...(blocks ? { blocks } : {}) } };
    },
  };
}
