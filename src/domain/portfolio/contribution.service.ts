import type { UnitOfWork } from '../../db/unit-of-work.ts';
import type { OutboxMessage } from '../../outbox/message.ts';
import type { ActivityRecorder } from '../activity/activity.ts';
import type { Clock } from '../clock.ts';
import { localDateOf } from '../schedules/index.ts';
import { type Contribution, validateContribution } from './contribution.ts';

/** What logging a contribution writes, in one transaction. */
export interface ContributionRepositories {
  portfolio: {
    addContribution(
      teamId: string,
      userId: string,
      contribution: Contribution,
      occurredOn: string,
      reminderId: string | null,
    ): Promise<string>;
  };
  activity: ActivityRecorder;
  reminders: { markDone(id: string): Promise<void> };
}

export interface LoggedContribution {
  id: string;
  contribution: Contribution;
  /** The member's own reminder it answered, if the modal came from one. */
  reminder: OutboxMessage | undefined;
}

/**
 * The monthly contribution (docs/product/rituals.md): validated (errors name their field, nothing
 * is stored), then stored as a portfolio artifact with its activity, and the reminder it answers
 * marked done — all or nothing.
 */
export function createContributionService(deps: {
  uow: UnitOfWork<ContributionRepositories>;
  findReminder(id: string): Promise<OutboxMessage | undefined>;
  clock: Clock;
}) {
  return {
    async log(input: {
      teamId: string;
      userId: string;
      tz: string;
      fields: { kind?: string; title?: string; link?: string; impact?: string };
      reminderId: string | null;
    }): Promise<LoggedContribution> {
      const contribution = validateContribution(input.fields);
      const found = input.reminderId ? await deps.findReminder(input.reminderId) : undefined;
      // Only the member's own reminder in this workspace is marked done; any other id is ignored.
      const reminder =
        found && found.teamId === input.teamId && found.userId === input.userId ? found : undefined;
      const now = deps.clock.now();
      const id = await deps.uow.run(async (r) => {
        const artifactId = await r.portfolio.addContribution(
          input.teamId,
          input.userId,
          contribution,
          localDateOf(now, input.tz),
          reminder?.id ?? null,
        );
        const base = { teamId: input.teamId, userId: input.userId, occurredAt: now };
        await r.activity.record([
          { ...base, kind: 'contribution.logged', sourceKey: `contribution:${artifactId}` },
          {
            ...base,
            kind: `artifact.${contribution.kind}`,
            sourceKey: `contribution:${artifactId}#artifact`,
          },
        ]);
        if (reminder) await r.reminders.markDone(reminder.id);
        return artifactId;
      });
      return { id, contribution, reminder };
    },
  };
}

export type ContributionService = ReturnType<typeof createContributionService>;
