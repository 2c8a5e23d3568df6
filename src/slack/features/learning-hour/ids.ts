/** Slack ids of the learning-hour feature. */
export const LEARNING_HOUR_ACTIONS = {
  /** "Post my summary" under the week's thread post (value: the occurrence id). */
  postFromThread: 'learning_hour_post_summary',
  /** App Home's "Post a summary". */
  postFromHome: 'learning_hour_post_summary_home',
  /** The too-long answer's "Open the form" button. */
  postFromReply: 'learning_hour_post_summary_reply',
} as const;

export const LEARNING_HOUR_VIEWS = { summary: 'learning_hour_summary' } as const;

/** Block ids of the summary modal double as the field names DomainErrors carry. */
export const SUMMARY_FIELDS = { text: 'text', link: 'link' } as const;
