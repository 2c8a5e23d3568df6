import type { HomeSection } from '../../kit/feature.ts';
import { feedbackHomeBlocks } from './blocks/home.ts';
import type { FeedbackEdge } from './context.ts';

/** Feedback's part of App Home (after the plan, before the quick start). */
export function feedbackHomeSection(edge: FeedbackEdge): HomeSection {
  return {
    id: 'feedback',
    order: 40,
    async render({ member }) {
      const [home, conversation] = await Promise.all([
        edge.views.home(member.teamId, member.userId),
        edge.conversations.home(member.teamId, member.userId),
      ]);
      return feedbackHomeBlocks({ home, conversation });
    },
  };
}
