/**
 * Bot scopes the app asks for at install, each for a named feature. manifest.yml must list the
 * same set (a test compares them).
 */
export const BOT_SCOPES = [
  'commands', // /careerplan
  'chat:write', // reminders, ritual posts, digests, leaderboard
  'im:write', // open DMs for reminders and feedback asks
  'im:history', // exactly-once delivery (our own message metadata in a DM); message.im for the DM help
  'users:read', // member names and IANA time zones (users.info, user_change)
  'channels:read', // ritual audience: members of the ritual's public channel
  'channels:history', // learning-hour summaries posted as replies in the ritual thread
  'channels:join', // ritual setup: the bot joins the public channel it posts in
  'groups:read', // ritual audience when the ritual channel is private
  'groups:history', // learning-hour thread replies when the ritual channel is private
  'files:write', // Markdown exports (plan one-pager, sprint plan, portfolio)
  'canvases:write', // exports as canvases the member can edit (canvases.create, canvases.access.set)
] as const;
