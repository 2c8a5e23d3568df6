/** Every Slack identifier the app owns: the command, action_ids, callback_ids, block_ids. */
export const COMMAND = '/careerplan';

export const ACTIONS = {
  showHelp: 'home_show_help',
} as const;

export const VIEWS = {} as const;
