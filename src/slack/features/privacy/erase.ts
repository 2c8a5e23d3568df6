import { randomUUID } from 'node:crypto';
import type { WebClient } from '@slack/web-api';
import { DomainError } from '../../../domain/errors.ts';
import type { ErasureResult } from '../../../domain/privacy/erasure.service.ts';
import { mentionedUser } from '../../../domain/privacy/erasure.ts';
import { fetchMemberProfile } from '../../../slack-api/member-profiles.ts';
import { slackErrorCode } from '../../../slack-api/slack-errors.ts';
import { requireAdmin } from '../../kit/admin.ts';
import { formSubmission } from '../../kit/form.ts';
import { isChecked, metadataOf } from '../../kit/view-state.ts';
import { confirmEraseModal, erasedHome, erasedModal } from './blocks/erase-modals.ts';
import type { PrivacyEdge } from './context.ts';
import { CONFIRM_FIELD, CONFIRM_VALUE } from './ids.ts';

export const USAGE =
  '`/careerplan delete-my-data` erases everything careerplan holds about you, after a confirmation. Admins erase a member who left with `/careerplan delete-my-data @name`.';

/** A member who left: deactivated in Slack, or unknown to it. */
async function hasLeft(client: WebClient, userId: string): Promise<boolean> {
  try {
    return (await fetchMemberProfile(client, userId)).isDeleted;
  } catch (error) {
    if (slackErrorCode(error) === 'user_not_found') return true;
    throw error;
  }
}

/**
 * Who may erase whom: anyone themselves; an admin a member who left the workspace (a
 * data-protection request). An active member erases their own data — an admin cannot do it for
 * them. Checked when the confirmation opens and again when it is submitted.
 */
async function checkMayErase(
  edge: PrivacyEdge,
  client: WebClient,
  teamId: string,
  actorId: string,
  subjectId: string,
): Promise<void> {
  if (actorId === subjectId) return;
  await requireAdmin(edge, client, teamId, actorId, "erase another member's data");
  if (!(await hasLeft(client, subjectId))) {
    throw new DomainError(
      'erase_refused',
      `<@${subjectId}> is still an active member of this workspace, so they decide: they can run \`/careerplan delete-my-data\` themselves. Admins erase only the data of members who left.`,
    );
  }
}

/** Reads who is to be erased from the command's words: nobody (yourself) or one mention. */
export function subjectOf(args: readonly string[], actorId: string): string {
  if (args.length === 0) return actorId;
  const mentioned = args.length === 1 ? mentionedUser(args[0] ?? '') : null;
  if (!mentioned)
    throw new DomainError(
      'erase_args',
      `I can't read \`${args.join(' ').slice(0, 40).replace(/`/g, "'")}\`. ${USAGE}`,
    );
  return mentioned;
}

/** Opens the confirmation, which lists what is stored about the subject right now. */
export async function openEraseConfirmation(
  edge: PrivacyEdge,
  r: { client: WebClient; triggerId: string; teamId: string; userId: string },
  subjectId: string,
): Promise<void> {
  await checkMayErase(edge, r.client, r.teamId, r.userId, subjectId);
  const stored = await edge.erasure.preview({ teamId: r.teamId, userId: subjectId });
  await r.client.views.open({
    trigger_id: r.triggerId,
    view: confirmEraseModal({ subjectId, self: subjectId === r.userId, stored }),
  });
}

interface Erased {
  subjectId: string;
  self: boolean;
  result: ErasureResult;
  reference?: string;
}

/**
 * The confirmation, submitted: nothing happens unless the box is ticked (and, for another member,
 * the admin rule holds again). Then the erase runs and the same modal shows what was erased. A
 * member who erased themselves gets a Home tab built without storing anything about them again.
 */
export function eraseConfirmed(edge: PrivacyEdge) {
  return formSubmission<Erased>(
    { logger: edge.logger, guard: edge.guard },
    {
      fallbackBlock: CONFIRM_FIELD,
      async save({ args: { view, client }, teamId, userId }) {
        if (!isChecked(view, CONFIRM_FIELD, CONFIRM_VALUE)) {
          throw new DomainError(
            'erase_not_confirmed',
            'Tick the box to confirm. Nothing was erased.',
            CONFIRM_FIELD,
          );
        }
        const subject = metadataOf(view).subject;
        if (typeof subject !== 'string' || !/^[UW][A-Z0-9]{2,30}$/.test(subject)) {
          throw new DomainError('erase_args', 'This confirmation is not valid any more. Nothing was erased.');
        }
        await checkMayErase(edge, client, teamId, userId, subject);
        const result = await edge.erasure.erase({ teamId, userId: subject }, userId);
        const erased: Erased = { subjectId: subject, self: subject === userId, result };
        if (Object.keys(result.leftOver).length > 0) {
          // A table with the member's rows that no erase hook covers: say so, never hide it.
          erased.reference = randomUUID().slice(0, 8);
          edge.logger.error(
            { team: teamId, ref: erased.reference, tables: Object.keys(result.leftOver) },
            'rows of an erased member are left: a feature has no erase hook for them',
          );
        }
        edge.logger.info(
          {
            team: teamId,
            byAdmin: subject !== userId,
            erased: result.erased,
            cancelled: result.cancelledReminders,
          },
          'member data erased',
        );
        return erased;
      },
      answer: (_submission, erased) => ({ response_action: 'update', view: erasedModal(erased) }),
      async after({ args: { client } }, erased) {
        if (erased.self) await client.views.publish({ user_id: erased.subjectId, view: erasedHome() });
      },
    },
  );
}
