import type { Session } from '../../../../domain/design-review/design-review.ts';
import { formSubmission } from '../../../kit/form.ts';
import { fieldValue, metadataOf } from '../../../kit/view-state.ts';
import { type DesignReviewEdge, refreshSessionPost } from '../context.ts';
import { TOPIC_FIELDS } from '../ids.ts';

/** The topic form: only the presenter, before the session ends; the session post follows. */
export function topicSubmitted(edge: DesignReviewEdge) {
  return formSubmission<Session>(
    { logger: edge.logger, guard: edge.guard },
    {
      fallbackBlock: TOPIC_FIELDS.topic,
      async save({ args: { view }, teamId, userId }) {
        const occurrenceId = metadataOf(view).occurrenceId;
        return edge.service.setTopic(
          typeof occurrenceId === 'string' ? occurrenceId : '',
          teamId,
          userId,
          fieldValue(view, TOPIC_FIELDS.topic),
        );
      },
      async after({ args: { client } }, session) {
        await refreshSessionPost(edge, client, session.occurrenceId);
      },
    },
  );
}
