/**
 * The page's operations (POST /sandbox/do/<name>), each a JSON body checked before it reaches
 * the Slack side. A person id the workspace does not know, or a view that is not theirs, is a
 * 400 with the reason, never a half-done action.
 */
import { z } from 'zod';
import { type Interactions, SandboxRefusal } from './interactions.ts';
import type { StateValues } from './payloads.ts';
import type { Snapshot } from './snapshot.ts';
import type { Surfaces } from './surfaces.ts';

export interface SandboxOperations {
  surfaces: Surfaces;
  interactions: Interactions;
  snapshot(userId: string): Snapshot | undefined;
  /** A post to a response_url; answers with the HTTP status Slack would. */
  responseUrl(id: string, body: unknown): number;
  file(id: string): { filename?: string; bytes: Buffer } | undefined;
  /** Starts creating demo activity; resolves when it has finished. */
  demo(): Promise<void>;
  demoStatus(): { running: boolean; message: string | null };
}

const person = z.string().regex(/^[UW][A-Z0-9]{1,20}$/);
const values = z.record(z.string(), z.record(z.string(), z.record(z.string(), z.unknown())));
const action = z.looseObject({
  action_id: z.string().max(255),
  block_id: z.string().max(255),
  type: z.string().max(40),
});
const place = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('message'), channelId: z.string().max(30), ts: z.string().max(30) }),
  z.object({ kind: z.literal('view'), viewId: z.string().max(30) }),
]);

const BODIES = {
  command: z.object({ as: person, channel: z.string().max(30), text: z.string().max(4000) }),
  say: z.object({
    as: person,
    channel: z.string().max(30),
    text: z.string().max(40_000),
    threadTs: z.string().max(30).optional(),
  }),
  action: z.object({ as: person, place, action, values: values.default({}) }),
  submit: z.object({ as: person, viewId: z.string().max(30), values: values.default({}) }),
  close: z.object({ as: person, viewId: z.string().max(30), values: values.default({}) }),
  home: z.object({ as: person }),
  demo: z.object({}),
} as const;

type Result = { status: number; body: unknown };

export async function runOperation(ops: SandboxOperations, name: string, raw: unknown): Promise<Result> {
  const { interactions: act } = ops;
  try {
    switch (name) {
      case 'command': {
        const b = BODIES.command.parse(raw);
        await act.command(b.as, b.channel, b.text);
        break;
      }
      case 'say': {
        const b = BODIES.say.parse(raw);
        act.say(b.as, b.channel, b.text, b.threadTs);
        break;
      }
      case 'action': {
        const b = BODIES.action.parse(raw);
        await act.action(b.as, b.place, b.action, b.values as StateValues);
        break;
      }
      case 'submit': {
        const b = BODIES.submit.parse(raw);
        await act.submit(b.as, b.viewId, b.values as StateValues);
        break;
      }
      case 'close': {
        const b = BODIES.close.parse(raw);
        await act.close(b.as, b.viewId, b.values as StateValues);
        break;
      }
      case 'home':
        await act.openHome(BODIES.home.parse(raw).as);
        break;
      case 'demo':
        BODIES.demo.parse(raw);
        if (ops.demoStatus().running)
          return { status: 409, body: { error: 'demo data is already being created' } };
        // Runs in the background: the page follows it through live updates.
        void ops.demo();
        return { status: 202, body: { ok: true } };
      default:
        return { status: 404, body: { error: `no operation ${name}` } };
    }
    return { status: 200, body: { ok: true } };
  } catch (error) {
    if (error instanceof z.ZodError) return { status: 400, body: { error: z.prettifyError(error) } };
    if (error instanceof SandboxRefusal) return { status: 400, body: { error: error.message } };
    throw error;
  }
}
