import type {
  AllMiddlewareArgs,
  SlackViewMiddlewareArgs,
  ViewResponseAction,
  ViewSubmitAction,
} from '@slack/bolt';
import type { Logger } from '../../ops/logger.ts';
import { viewErrors } from './view-state.ts';

export type ViewArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

const RESPOND = Symbol('respond');

/** Nothing was stored; Slack gets this answer instead (field errors, an updated form). */
export interface Respond {
  readonly [RESPOND]: ViewResponseAction;
}

export function respond(action: ViewResponseAction): Respond {
  return { [RESPOND]: action };
}

function isRespond(value: unknown): value is Respond {
  return typeof value === 'object' && value !== null && RESPOND in value;
}

export interface Submission {
  args: ViewArgs;
  teamId: string;
  userId: string;
}

/**
 * Remembers which modal submissions were stored, by `view.id`. When saving outlasts Slack's 3
 * seconds, Slack shows the member an error and they submit again: the same view id comes back,
 * and it must not store a second row.
 */
export interface SubmissionGuard {
  /** True the first time this view is submitted (and until it is released). */
  claim(teamId: string, viewId: string): Promise<boolean>;
  /** The submission stored nothing (a field error): it may be submitted again. */
  release(teamId: string, viewId: string): Promise<void>;
}

/**
 * One modal submission, the same way everywhere: read and store the form (`save`), answer
 * Slack, then do slow work (`after`: App Home, confirmations) once Slack has its answer.
 * - A DomainError shows beside its field (or `fallbackBlock`) and stores nothing.
 * - Any other error is logged with a reference the member sees beside `fallbackBlock`.
 * - `save` may answer instead (`{ respond }`): e.g. a form updated to ask for a confirmation.
 * - A resubmission of a view already stored is acknowledged and stores nothing more.
 */
export function formSubmission<T>(
  deps: { logger: Logger; guard: SubmissionGuard },
  options: {
    fallbackBlock: string;
    /** Stores the form and returns what `after` needs, or `respond(...)` to answer instead. */
    save(submission: Submission): Promise<T | Respond>;
    /**
     * Slack's answer once `save` stored: e.g. `response_action: 'update'` to show the outcome in
     * the same modal. Without it the modal closes.
     */
    answer?(submission: Submission, stored: T): ViewResponseAction;
    after?(submission: Submission, stored: T): Promise<void>;
    /** What Slack shows once stored (e.g. the modal turned into a summary); default: it closes. */
    answer?(submission: Submission, stored: T): ViewResponseAction | undefined;
  },
) {
  return async (args: ViewArgs) => {
    const { ack, view, body } = args;
    const submission: Submission = {
      args,
      teamId: body.team?.id ?? body.user.team_id ?? view.team_id,
      userId: body.user.id,
    };
    if (!(await deps.guard.claim(submission.teamId, view.id))) {
      await ack();
      return;
    }
    let outcome: T | Respond;
    try {
      outcome = await options.save(submission);
    } catch (error) {
      await deps.guard.release(submission.teamId, view.id);
      await ack(viewErrors(error, view, options.fallbackBlock, deps.logger));
      return;
    }
    if (isRespond(outcome)) {
      await deps.guard.release(submission.teamId, view.id);
      await ack(outcome[RESPOND]);
      return;
    }
    await ack(options.answer?.(submission, outcome));
    if (options.after) {
      await options
        .after(submission, outcome)
        .catch((error: unknown) =>
          deps.logger.warn({ err: error, view: view.callback_id }, 'work after a stored submission failed'),
        );
    }
  };
}

/** The guard over Postgres: a submission's view id is kept with the processed Slack events. */
export function createSubmissionGuard(store: {
  markFirstSeen(teamId: string, id: string): Promise<boolean>;
  forget(teamId: string, id: string): Promise<void>;
}): SubmissionGuard {
  return {
    claim: (teamId, viewId) => store.markFirstSeen(teamId, `view:${viewId}`),
    release: (teamId, viewId) => store.forget(teamId, `view:${viewId}`),
  };
}
