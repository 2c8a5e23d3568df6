/** Slack ids of delete-my-data. */
export const PRIVACY_ACTIONS = {
  /** App Home's "Delete my data…" button. */
  openErase: 'privacy_open_erase',
} as const;

export const PRIVACY_VIEWS = {
  confirm: 'privacy_erase_confirm',
  done: 'privacy_erase_done',
} as const;

/** The confirmation checkbox: the erase runs only when it is ticked. */
export const CONFIRM_FIELD = 'confirm';
export const CONFIRM_VALUE = 'erase';
