export * from './ladder.ts';
export * from './milestones.ts';
export * from './north-star.ts';
export * from './okrs.ts';
export * from './plan-markdown.ts';
export * from './quarters.ts';
