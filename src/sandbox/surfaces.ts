/**
 * What each person of the sandbox has open, on the Slack side: their modal stack, the field
 * errors a submission came back with, and the short-lived trigger ids and response URLs handed
 * to the app. Also the change signal the page listens to: every Web API call the app makes and
 * every interaction bumps `version`.
 */

import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { FakeSlackCall } from './slack/fake-slack-types.ts';

/** Where a response_url post lands. `messageTs` is set for actions on a message. */
export interface ResponseTarget {
  userId: string;
  channelId: string;
  messageTs?: string;
  ephemeral?: boolean;
  createdAt: number;
}

/** Slack keeps trigger ids for 3 s and response URLs for 30 minutes. */
const TRIGGER_TTL_MS = 60_000;
const RESPONSE_URL_TTL_MS = 30 * 60_000;

export function createSurfaces() {
  const stacks = new Map<string, string[]>();
  const fieldErrors = new Map<string, Record<string, string>>();
  const banners = new Map<string, string>();
  const triggers = new Map<string, { userId: string; at: number }>();
  const responseTargets = new Map<string, ResponseTarget>();
  const changes = new EventEmitter();
  changes.setMaxListeners(0);
  let version = 0;

  const forget = <T extends { at?: number; createdAt?: number }>(map: Map<string, T>, ttl: number) => {
    const now = Date.now();
    for (const [key, value] of map) if (now - (value.at ?? value.createdAt ?? now) > ttl) map.delete(key);
  };

  const surfaces = {
    get version(): number {
      return version;
    },
    changed(): void {
      version += 1;
      changes.emit('change', version);
    },
    onChange(listener: (version: number) => void): () => void {
      changes.on('change', listener);
      return () => changes.off('change', listener);
    },
    /** Resolves once `check` is true after a change (or now); rejects after `timeoutMs`. */
    waitFor(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
      if (check()) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          stop();
          reject(new Error(`sandbox: timed out after ${timeoutMs} ms waiting for ${what}`));
        }, timeoutMs);
        const stop = surfaces.onChange(() => {
          if (!check()) return;
          clearTimeout(timer);
          stop();
          resolve();
        });
      });
    },

    newTrigger(userId: string): string {
      forget(triggers, TRIGGER_TTL_MS);
      const id = `${Math.floor(Date.now() / 1000)}.${randomBytes(6).toString('hex')}`;
      triggers.set(id, { userId, at: Date.now() });
      return id;
    },
    newResponseTarget(target: Omit<ResponseTarget, 'createdAt'>): string {
      forget(responseTargets, RESPONSE_URL_TTL_MS);
      const id = randomBytes(12).toString('hex');
      responseTargets.set(id, { ...target, createdAt: Date.now() });
      return id;
    },
    responseTarget: (id: string): ResponseTarget | undefined => responseTargets.get(id),

    modalStack: (userId: string): readonly string[] => stacks.get(userId) ?? [],
    topModal: (userId: string): string | undefined => stacks.get(userId)?.at(-1),
    setStack(userId: string, viewIds: string[]): void {
      stacks.set(userId, viewIds);
    },
    pushModal(userId: string, viewId: string): void {
      stacks.set(userId, [...(stacks.get(userId) ?? []), viewId]);
    },
    popModal(userId: string, viewId: string): void {
      stacks.set(
        userId,
        (stacks.get(userId) ?? []).filter((id) => id !== viewId),
      );
      fieldErrors.delete(viewId);
      banners.delete(viewId);
    },
    fieldErrors: (viewId: string): Record<string, string> => fieldErrors.get(viewId) ?? {},
    setFieldErrors(viewId: string, errors: Record<string, string>): void {
      fieldErrors.set(viewId, errors);
    },
    banner: (viewId: string): string | undefined => banners.get(viewId),
    setBanner(viewId: string, text: string | undefined): void {
      if (text === undefined) banners.delete(viewId);
      else banners.set(viewId, text);
    },

    /**
     * Follows the app's view calls: a modal opened or pushed with a trigger id lands on the stack
     * of the person the trigger was given to; an updated view loses its old field errors.
     */
    observe(call: FakeSlackCall): void {
      const view =
        call.response?.ok === true ? (call.response.view as { id?: string } | undefined) : undefined;
      const trigger =
        typeof call.params.trigger_id === 'string' ? triggers.get(call.params.trigger_id) : undefined;
      if (view?.id && trigger && call.method === 'views.open') stacks.set(trigger.userId, [view.id]);
      if (view?.id && trigger && call.method === 'views.push') surfaces.pushModal(trigger.userId, view.id);
      if (view?.id && call.method === 'views.update') {
        fieldErrors.delete(view.id);
        banners.delete(view.id);
      }
      surfaces.changed();
    },
  };
  return surfaces;
}

export type Surfaces = ReturnType<typeof createSurfaces>;
