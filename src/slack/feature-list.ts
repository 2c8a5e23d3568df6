import type { Deps } from '../deps.ts';
import { designReviewFeature } from './features/design-review/index.ts';
import { feedbackFeature } from './features/feedback/index.ts';
import { leaderboardFeature } from './features/leaderboard/index.ts';
import { learningHourFeature } from './features/learning-hour/index.ts';
import { plansFeature } from './features/plans/index.ts';
import { portfolioFeature } from './features/portfolio/index.ts';
import { privacyFeature } from './features/privacy/index.ts';
import { readinessFeature } from './features/readiness/index.ts';
import { ritualsFeature } from './features/rituals/index.ts';
import { skillsFeature } from './features/skills/index.ts';
import type { FeatureFactory } from './kit/feature.ts';

/**
 * Every product feature, in one list: the one place a new feature is named. The shell (help,
 * App Home, export, workspace events: features/core) is added around them by assemble.ts.
 */
export const FEATURES: ReadonlyArray<FeatureFactory<Deps>> = [
  plansFeature,
  ritualsFeature,
  skillsFeature,
  feedbackFeature,
  readinessFeature,
  portfolioFeature,
  privacyFeature,
  leaderboardFeature,
  learningHourFeature,
  designReviewFeature,
];
