/** Slack ids of the design-review feature; button values carry the session or swap id. */
export const DESIGN_REVIEW_ACTIONS = {
  /** "I'm attending" under the session post (value: the occurrence id). */
  attend: 'design_review_attend',
  /** The presenter DM's buttons (value: the occurrence id). */
  setTopic: 'design_review_set_topic',
  askSwap: 'design_review_ask_swap',
  /** The swap request's buttons (value: the swap id). */
  acceptSwap: 'design_review_swap_accept',
  declineSwap: 'design_review_swap_decline',
} as const;

export const DESIGN_REVIEW_VIEWS = { topic: 'design_review_topic' } as const;

export const TOPIC_FIELDS = { topic: 'topic' } as const;
