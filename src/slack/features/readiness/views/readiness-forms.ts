import { TRACK_LABELS, type Track } from '../../../../domain/plans/ladder.ts';
import type { ChecklistSlot } from '../../../../domain/readiness/readiness.ts';
import { requireAdmin } from '../../../kit/admin.ts';
import { md, noticeModal } from '../../../kit/blocks.ts';
import { formSubmission } from '../../../kit/form.ts';
import { postToResponseUrl } from '../../../kit/response-url.ts';
import { fieldValue, fieldValues, metadataOf } from '../../../kit/view-state.ts';
import { readinessMessage } from '../blocks/readiness-blocks.ts';
import { ownerFor, type ReadinessEdge } from '../context.ts';
import { NEW_ROWS, READINESS_FIELDS, READINESS_VIEWS } from '../ids.ts';

/**
 * The evidence form: the picked artifacts become the item's evidence. Afterwards the list it came
 * from is replaced by the updated one, and App Home shows the new count.
 */
export function linkSubmitted(edge: ReadinessEdge) {
  return formSubmission<{ label: string; linked: number; responseUrl?: string }>(
    { logger: edge.logger, guard: edge.guard },
    {
      fallbackBlock: READINESS_FIELDS.evidence,
      async save({ args: { view, client }, teamId, userId }) {
        const meta = metadataOf(view);
        const owner = await ownerFor(edge, client, teamId, userId);
        const { item, linked } = await edge.readiness.link(
          owner,
          String(meta.track ?? ''),
          String(meta.item ?? ''),
          fieldValues(view, READINESS_FIELDS.evidence),
        );
        const responseUrl = typeof meta.responseUrl === 'string' ? meta.responseUrl : undefined;
        return { label: item.label, linked, ...(responseUrl ? { responseUrl } : {}) };
      },
      async after({ args: { client }, teamId, userId }, stored) {
        if (stored.responseUrl) {
          const owner = await ownerFor(edge, client, teamId, userId);
          const note = md`:link: *${stored.label}* now has ${stored.linked} piece${stored.linked === 1 ? '' : 's'} of evidence.`;
          await postToResponseUrl(stored.responseUrl, {
            ...readinessMessage(await edge.readiness.view(owner), note),
            replaceOriginal: true,
          });
        }
        await edge.home.refresh(client, teamId, userId);
      },
    },
  );
}

/** The admin's checklist form; who is an admin is checked again on submit. */
export function checklistSubmitted(edge: ReadinessEdge) {
  return formSubmission<{ track: Track; count: number; unlinked: number }>(
    { logger: edge.logger, guard: edge.guard },
    {
      fallbackBlock: `${READINESS_FIELDS.label}new1`,
      async save({ args: { view, client }, teamId, userId }) {
        await requireAdmin(edge, client, teamId, userId, "edit the team's readiness checklists");
        const meta = metadataOf(view);
        const keys = Array.isArray(meta.keys)
          ? meta.keys.filter((k): k is string => typeof k === 'string')
          : [];
        const rows = [
          ...keys.map((key) => ({ key, isNew: false })),
          ...Array.from({ length: NEW_ROWS }, (_, i) => ({ key: `new${i + 1}`, isNew: true })),
        ];
        const slots: ChecklistSlot[] = rows.map((row) => ({
          key: row.isNew ? null : row.key,
          label: fieldValue(view, `${READINESS_FIELDS.label}${row.key}`),
          evidenceNeeded: fieldValue(view, `${READINESS_FIELDS.needed}${row.key}`),
          field: `${READINESS_FIELDS.label}${row.key}`,
        }));
        const saved = await edge.readiness.saveChecklist(teamId, String(meta.track ?? ''), slots);
        return { track: saved.track, count: saved.items.length, unlinked: saved.unlinked };
      },
      answer: (_submission, saved) => ({
        response_action: 'update',
        view: noticeModal(
          READINESS_VIEWS.notice,
          'Checklist saved',
          md`Saved the *${TRACK_LABELS[saved.track]}* checklist: ${saved.count} item${saved.count === 1 ? '' : 's'}.${saved.unlinked > 0 ? ` ${saved.unlinked} evidence link${saved.unlinked === 1 ? '' : 's'} of removed items went with them.` : ''}`,
        ),
      }),
    },
  );
}
