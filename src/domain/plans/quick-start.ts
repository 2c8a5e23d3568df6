/** What we know about a member's first steps; each flag ticks one checklist item. */
export interface QuickStartFacts {
  hasNorthStar: boolean;
  hasSkillsAssessed: boolean;
  hasSprint: boolean;
  hasPublicArtifact: boolean;
  hasMentoring: boolean;
  hasE2eFeature: boolean;
  hasFeedbackConversation: boolean;
}

/** Stable identifiers of the quick-start items (used for buttons and analytics). */
export type QuickStartItemId =
  | 'north_star'
  | 'skills'
  | 'sprint'
  | 'public_artifact'
  | 'mentoring'
  | 'e2e_feature'
  | 'feedback_conversation';

/** One item of the quick-start checklist. */
export interface QuickStartItem {
  id: QuickStartItemId;
  /** Short imperative label. */
  label: string;
  /** Why it matters / how to do it, one line. */
  hint: string;
  /** The `/careerplan` command that does it. */
  command: string;
  /** The fact that marks it done. */
  fact: keyof QuickStartFacts;
}

/** An item with whether the member has done it. */
export interface QuickStartItemStatus extends QuickStartItem {
  done: boolean;
}

/** The whole checklist for one member. */
export interface QuickStartStatus {
  items: QuickStartItemStatus[];
  doneCount: number;
  total: number;
  /** True when every item is done (App Home can then hide the checklist). */
  complete: boolean;
}

/** The quick-start checklist for a new member (docs/product/quick-start.md), in the order to do it. */
export const QUICK_START_ITEMS: readonly QuickStartItem[] = Object.freeze([
  {
    id: 'north_star',
    label: 'Set your north star',
    hint: 'Pick a track, a destination 2-5 years out, and your current and target level.',
    command: '/careerplan goal',
    fact: 'hasNorthStar',
  },
  {
    id: 'skills',
    label: 'Assess your skills and find your top 3 gaps',
    hint: 'Rate yourself 1-5 per skill with a target; the biggest gaps get an action plan.',
    command: '/careerplan skills',
    fact: 'hasSkillsAssessed',
  },
  {
    id: 'sprint',
    label: 'Start a 12-week learning sprint',
    hint: 'Choose 2-3 focal skills from your gaps and set weekly goals.',
    command: '/careerplan sprint start',
    fact: 'hasSprint',
  },
  {
    id: 'public_artifact',
    label: 'Publish one public artifact',
    hint: 'A design doc, blog post, talk or open-source contribution others can read.',
    command: '/careerplan portfolio add',
    fact: 'hasPublicArtifact',
  },
  {
    id: 'mentoring',
    label: 'Hold a mentoring session',
    hint: 'Mentor someone or be mentored, and log a short note about it.',
    command: '/careerplan portfolio add',
    fact: 'hasMentoring',
  },
  {
    id: 'e2e_feature',
    label: 'Ship one end-to-end feature with observability',
    hint: 'From design to production, with the dashboards or alerts that show it works.',
    command: '/careerplan portfolio add',
    fact: 'hasE2eFeature',
  },
  {
    id: 'feedback_conversation',
    label: 'Have a quarterly feedback conversation',
    hint: 'Ask peers for feedback and talk it through with your manager.',
    command: '/careerplan feedback',
    fact: 'hasFeedbackConversation',
  },
]);

/** Ticks each quick-start item from the member's facts and counts what is done. */
export function quickStartStatus(facts: QuickStartFacts): QuickStartStatus {
  const items = QUICK_START_ITEMS.map((item) => ({ ...item, done: facts[item.fact] }));
  const doneCount = items.filter((item) => item.done).length;
  return { items, doneCount, total: items.length, complete: doneCount === items.length };
}
