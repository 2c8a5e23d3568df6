import { DomainError } from '../errors.ts';
import { isFromAnotherWorkspace, type Member } from '../workspaces/workspace.ts';
import { MAX_PEOPLE, QUESTION_EXAMPLE } from './feedback.ts';

/**
 * A person named in a request, as the member directory knows them in the requester's workspace:
 * `member` is undefined when Slack does not know them there (someone from another workspace).
 */
export interface NamedPerson {
  userId: string;
  member: Member | undefined;
}

/**
 * Checks the people a request names, in the order a member would want to hear about problems:
 * none or too many, the same person twice, themselves, someone from another workspace, a bot, a
 * deactivated account. Returns their ids; throws `feedback_people_invalid` (field `people`).
 */
export function checkPeople(input: {
  teamId: string;
  requesterId: string;
  people: readonly NamedPerson[];
}): string[] {
  const { teamId, requesterId, people } = input;
  const refuse = (message: string) => new DomainError('feedback_people_invalid', message, 'people');
  if (people.length === 0) {
    throw refuse(`Name the people to ask, e.g. \`${QUESTION_EXAMPLE}\`.`);
  }
  if (people.length > MAX_PEOPLE) {
    throw refuse(`You can ask up to ${MAX_PEOPLE} people at once; you named ${people.length}.`);
  }
  const seen = new Set<string>();
  for (const { userId } of people) {
    if (seen.has(userId)) throw refuse(`You named <@${userId}> twice; name each person once.`);
    seen.add(userId);
  }
  for (const { userId, member } of people) {
    if (userId === requesterId)
      throw refuse('You cannot ask yourself for feedback; name the people you worked with.');
    if (!member || member.teamId !== teamId || isFromAnotherWorkspace(member, teamId)) {
      throw refuse(
        `<@${userId}> is not in this workspace; careerplan can only ask people in your own workspace.`,
      );
    }
    if (member.isBot) throw refuse(`<@${userId}> is a bot; ask a person.`);
    if (member.isDeleted) throw refuse(`<@${userId}> has left the workspace (their account is deactivated).`);
  }
  return people.map((p) => p.userId);
}

/** The same rules for naming a manager: one real person of this workspace, not oneself. */
export function checkManager(input: { teamId: string; userId: string; manager: NamedPerson }): string {
  const { teamId, userId, manager } = input;
  const refuse = (message: string) => new DomainError('manager_invalid', message, 'manager');
  if (manager.userId === userId)
    throw refuse('You cannot be your own manager; name the person you report to.');
  const member = manager.member;
  if (!member || member.teamId !== teamId || isFromAnotherWorkspace(member, teamId)) {
    throw refuse(`<@${manager.userId}> is not in this workspace; name your manager in this workspace.`);
  }
  if (member.isBot) throw refuse(`<@${manager.userId}> is a bot; name the person you report to.`);
  if (member.isDeleted)
    throw refuse(`<@${manager.userId}> has left the workspace (their account is deactivated).`);
  return manager.userId;
}
