import type { ActivityKind } from '../activity/activity.ts';

/**
 * The quick-start checklist (docs/product/quick-start.md): a new member's first steps. Features
 * contribute its items; each ticks when the member has any of its activity kinds, so the
 * checklist reads the activity table and no feature's own tables.
 */
export interface QuickStartItem {
  /** Stable identifier (buttons, analytics). */
  id: string;
  /** Short imperative label. */
  label: string;
  /** Why it matters / how to do it, one line. */
  hint: string;
  /** The `/careerplan` command that does it. */
  command: string;
  /** Place in the checklist (lower first). */
  order: number;
  /** Any one of these activity kinds ticks the item. */
  ticksOn: readonly ActivityKind[];
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

/** Orders the items and ticks each from the member's activity kinds. */
export function quickStartStatus(
  items: readonly QuickStartItem[],
  activity: ReadonlySet<ActivityKind>,
): QuickStartStatus {
  const ordered = [...items].sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
  const statuses = ordered.map((item) => ({ ...item, done: item.ticksOn.some((k) => activity.has(k)) }));
  const doneCount = statuses.filter((item) => item.done).length;
  return {
    items: statuses,
    doneCount,
    total: statuses.length,
    complete: statuses.length > 0 && doneCount === statuses.length,
  };
}

/**
 * The career plan's checklist (docs/product/quick-start.md), contributed by the plans feature. Items whose feature
 * has not landed yet tick as soon as that feature records the activity kind named here.
 */
export const CAREER_QUICK_START: readonly QuickStartItem[] = Object.freeze([
  {
    id: 'north_star',
    label: 'Set your north star',
    hint: 'Pick a track, a destination 2-5 years out, and your current and target level.',
    command: '/careerplan goal',
    order: 10,
    ticksOn: ['north_star.set'],
  },
  {
    id: 'skills',
    label: 'Assess your skills and find your top 3 gaps',
    hint: 'Rate yourself 1-5 per skill with a target; the biggest gaps get an action plan.',
    command: '/careerplan skills',
    order: 20,
    ticksOn: ['skills.assessed'],
  },
  {
    id: 'sprint',
    label: 'Start a 12-week learning sprint',
    hint: 'Choose 2-3 focal skills from your gaps and set weekly goals.',
    command: '/careerplan sprint start',
    order: 30,
    ticksOn: ['sprint.started'],
  },
  {
    id: 'public_artifact',
    label: 'Publish one public artifact',
    hint: 'A design doc, blog post, talk or open-source contribution others can read.',
    command: '/careerplan portfolio add',
    order: 40,
    // Things people outside the team can read or watch; an internal design doc does not count.
    ticksOn: ['artifact.talk', 'artifact.blog_post', 'artifact.open_source'],
  },
  {
    id: 'mentoring',
    label: 'Hold a mentoring session',
    hint: 'Mentor someone or be mentored, and log a short note about it.',
    command: '/careerplan portfolio add',
    order: 50,
    ticksOn: ['artifact.mentoring_note'],
  },
  {
    id: 'e2e_feature',
    label: 'Ship one end-to-end feature with observability',
    hint: 'From design to production, with the dashboards or alerts that show it works.',
    command: '/careerplan portfolio add',
    order: 60,
    // The evidence that a shipped feature is watched in production; a bare feature does not count.
    ticksOn: ['artifact.dashboard_observability'],
  },
  {
    id: 'feedback_conversation',
    label: 'Have a quarterly feedback conversation',
    hint: 'Ask peers for feedback and talk it through with your manager.',
    command: '/careerplan feedback',
    order: 70,
    ticksOn: ['feedback_conversation.held'],
  },
]);
