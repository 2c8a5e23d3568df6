/** Slack ids of the feedback feature: buttons, modals and their input blocks. */
export const FEEDBACK_ACTIONS = {
  /** On an ask (DM, reminder, App Home): value = the ask's id. */
  answer: 'feedback_answer',
  decline: 'feedback_decline',
  /** On a conversation nudge or App Home: value = the conversation's id. */
  conversationHeld: 'feedback_conversation_held',
  /** App Home: opens the new-request form. */
  openRequest: 'feedback_open_request',
} as const;

export const FEEDBACK_VIEWS = {
  request: 'feedback_request',
  answer: 'feedback_answer_form',
  decline: 'feedback_decline_form',
} as const;

/** Input blocks of the new-request form; the block id names the field (errors key by it). */
export const REQUEST_BLOCKS = {
  people: 'people',
  question: 'question',
  about: 'about',
  skill: 'skill',
  anonymous: 'anonymous',
  due: 'due',
} as const;

/** Input blocks of the answer and decline forms. */
export const ANSWER_BLOCKS = {
  answer: 'answer',
  improve: 'improve',
  rating: 'rating',
  reason: 'reason',
} as const;
