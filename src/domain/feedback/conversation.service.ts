import type { UnitOfWork } from '../../db/unit-of-work.ts';
import type { NewOutboxMessage, OutboxMessage } from '../../outbox/message.ts';
import type { ActivityRecorder } from '../activity/activity.ts';
import type { Clock } from '../clock.ts';
import { DomainError } from '../errors.ts';
import { localDateOf } from '../schedules/local-time.ts';
import { memberTimeZone, type TeamCalendar } from '../schedules/work-calendar.ts';
import type { ConversationRepository } from './conversation.repository.ts';
import {
  type ConversationCadence,
  type ConversationRole,
  type FeedbackConversation,
  parseConversationCadence,
  periodOf,
} from './conversation.ts';
import { type FeedbackDirectory, zoneOf } from './feedback.service.ts';
import { FEEDBACK_KINDS, feedbackDm, feedbackKeys } from './messages.ts';
import { checkManager, type NamedPerson } from './recipients.ts';
import { deliveryTime } from './timing.ts';

export interface ConversationRepositories {
  conversations: ConversationRepository;
  activity: ActivityRecorder;
  outbox: { insertMany(rows: readonly NewOutboxMessage[]): Promise<OutboxMessage[]> };
}

const notFound = () =>
  new DomainError(
    'feedback_not_found',
    'That feedback conversation is not one of yours (or it was deleted).',
  );

/**
 * Managers and the periodic feedback conversation (docs/product/feedback.md): members name their
 * manager; each period both get a nudge; once both confirm it happened, it counts as held
 * (`feedback_conversation.held`, which ticks the quick-start item).
 */
export function createConversationService(deps: {
  uow: UnitOfWork<ConversationRepositories>;
  read: ConversationRepository;
  arm(rows: readonly OutboxMessage[]): Promise<void>;
  clock: Clock;
  directory: FeedbackDirectory;
  /** OAuth: only nudge workspaces that have the app installed. */
  installedOnly: boolean;
}) {
  const { uow, read, clock, directory } = deps;

  /** The manager's nudge for one member's conversation, at the manager's local time. */
  function managerNudge(
    c: FeedbackConversation,
    managerId: string,
    tz: string,
    now: Date,
    calendar: TeamCalendar,
  ) {
    return feedbackDm({
      teamId: c.teamId,
      userId: managerId,
      tz,
      key: feedbackKeys.conversationManager(c.period, c.userId, managerId),
      kind: FEEDBACK_KINDS.conversation,
      dueAt: deliveryTime(now, tz, calendar),
      payload: { conversationId: c.id, role: 'manager' },
    });
  }

  return {
    /** The member's manager and the team's cadence. */
    async settings(teamId: string, userId: string) {
      const [managerId, everyMonths] = await Promise.all([
        read.managerOf(teamId, userId),
        read.cadence(teamId),
      ]);
      return { managerId, everyMonths };
    },

    /**
     * Names the member's manager (a person of this workspace, not themselves). The manager gets a
     * DM saying so, once per pair; an open conversation of the member's without a manager (or
     * with the previous one) moves to the new manager, who gets its nudge.
     */
    async setManager(input: { teamId: string; userId: string; manager: NamedPerson }): Promise<string> {
      const managerId = checkManager(input);
      const now = clock.now();
      const calendar = await directory.teamCalendar(input.teamId);
      const tz = await zoneOf(directory, input.teamId, managerId, calendar);
      const pending = await uow.run(async (r) => {
        await r.conversations.setManager(input.teamId, input.userId, managerId);
        const rows: NewOutboxMessage[] = [
          feedbackDm({
            teamId: input.teamId,
            userId: managerId,
            tz,
            key: feedbackKeys.managerNamed(input.userId, managerId),
            kind: FEEDBACK_KINDS.managerNamed,
            dueAt: deliveryTime(now, tz, calendar),
            payload: { memberId: input.userId },
          }),
        ];
        const open = await r.conversations.latestConversation(input.teamId, input.userId);
        if (open && open.heldAt === null && open.managerId !== managerId) {
          await r.conversations.assignManager(open.id, managerId);
          rows.push(managerNudge(open, managerId, tz, now, calendar));
        }
        return r.outbox.insertMany(rows);
      });
      await deps.arm(pending);
      return managerId;
    },

    removeManager: (teamId: string, userId: string) => read.removeManager(teamId, userId),

    /** How often conversations come round in the team (admins; the edge checks who asks). */
    async setCadence(teamId: string, text: string): Promise<ConversationCadence> {
      const months = parseConversationCadence(text);
      await read.setCadence(teamId, months);
      return months;
    },

    /**
     * Opens this period's conversation for every member who has none and plans their nudge (and
     * their manager's), at each one's local time. Idempotent: a member has one conversation per
     * period and each DM one key, so running it twice, or on two workers, nudges once.
     */
    async nudge(): Promise<{ opened: number }> {
      const now = clock.now();
      let opened = 0;
      for (const teamId of await read.teams(deps.installedOnly)) {
        const everyMonths = await read.cadence(teamId);
        if (everyMonths === 0) continue;
        const calendar = await directory.teamCalendar(teamId);
        const people = (await read.people(teamId)).map((p) => {
          const tz = memberTimeZone({ tz: p.tz }, calendar);
          return { ...p, tz, period: periodOf(localDateOf(now, tz), everyMonths) };
        });
        const done = await read.havingConversation(teamId, [...new Set(people.map((p) => p.period))]);
        const due = people.filter((p) => !done.has(`${p.userId}|${p.period}`));
        if (due.length === 0) continue;
        const managers = await read.managersOf(
          teamId,
          due.map((p) => p.userId),
        );
        for (const person of due) {
          const managerId = managers.get(person.userId) ?? null;
          const managerTz = managerId ? await zoneOf(directory, teamId, managerId, calendar) : null;
          const pending = await uow.run(async (r) => {
            const { conversation, created } = await r.conversations.openConversation({
              teamId,
              userId: person.userId,
              managerId,
              period: person.period,
              at: now,
            });
            if (!created) return [];
            const rows = [
              feedbackDm({
                teamId,
                userId: person.userId,
                tz: person.tz,
                key: feedbackKeys.conversation(person.period, person.userId),
                kind: FEEDBACK_KINDS.conversation,
                dueAt: deliveryTime(now, person.tz, calendar),
                payload: { conversationId: conversation.id, role: 'member' },
              }),
            ];
            if (managerId && managerTz)
              rows.push(managerNudge(conversation, managerId, managerTz, now, calendar));
            return r.outbox.insertMany(rows);
          });
          if (pending.length > 0) opened++;
          await deps.arm(pending);
        }
      }
      return { opened };
    },

    /**
     * The member or their manager confirms the conversation happened. Once both did, it is held:
     * `feedback_conversation.held` for both of them (recorded once, whoever confirmed last).
     */
    async confirm(input: {
      teamId: string;
      userId: string;
      conversationId: string;
    }): Promise<{ conversation: FeedbackConversation; role: ConversationRole; held: boolean }> {
      const found = await read.findConversation(input.teamId, input.conversationId);
      const role: ConversationRole | undefined =
        found?.userId === input.userId
          ? 'member'
          : found && found.managerId === input.userId
            ? 'manager'
            : undefined;
      if (!found || !role) throw notFound();
      if (found.managerId === null) {
        throw new DomainError(
          'manager_invalid',
          'Name your manager first with `/careerplan manager @name`: the conversation counts once you both confirm it.',
        );
      }
      const now = clock.now();
      return uow.run(async (r) => {
        const conversation = (await r.conversations.confirm(found, role, now)) ?? found;
        const held = conversation.heldAt !== null;
        if (held && conversation.managerId) {
          const at = conversation.heldAt ?? now;
          const base = { teamId: input.teamId, kind: 'feedback_conversation.held' as const, occurredAt: at };
          await r.activity.record([
            { ...base, userId: conversation.userId, sourceKey: `feedback-conversation:${conversation.id}` },
            {
              ...base,
              userId: conversation.managerId,
              sourceKey: `feedback-conversation:${conversation.id}:manager`,
            },
          ]);
        }
        return { conversation, role, held };
      });
    },

    /** The member's current conversation and the open ones they hold as a manager. */
    async home(teamId: string, userId: string) {
      const [own, asManager, managerId] = await Promise.all([
        read.latestConversation(teamId, userId),
        read.conversationsAsManager(teamId, userId, 5),
        read.managerOf(teamId, userId),
      ]);
      return { own: own ?? null, asManager, managerId };
    },

    eraseMember: (teamId: string, userId: string) => read.eraseMember(teamId, userId),
  };
}

export type ConversationService = ReturnType<typeof createConversationService>;
