import type { ProcessedEventRepository } from '../db/processed-events.repository.ts';
import type { Clock } from '../domain/clock.ts';
import type { DeliveryRepository } from '../domain/rituals/delivery.repository.ts';
import type { InstallationRepository } from '../domain/workspaces/installation.repository.ts';
import type { WorkspaceRepository } from '../domain/workspaces/workspace.repository.ts';
import type { JobQueues } from '../jobs/queues.ts';
import type { Logger } from '../ops/logger.ts';
import type { Metrics } from '../ops/metrics.ts';
import type { MemberDirectory } from '../slack-api/member-directory.ts';
import type { SubcommandHandler } from './commands/router.ts';

/** Everything the Slack listeners may call, built once in deps.ts and passed in. */
export interface EdgeServices {
  logger: Logger;
  metrics: Metrics;
  clock: Clock;
  workspaces: WorkspaceRepository;
  /** Present in OAuth mode only. */
  installations: InstallationRepository | undefined;
  members: MemberDirectory;
  processedEvents: ProcessedEventRepository;
  deliveries: DeliveryRepository;
  queues: JobQueues;
}

/** Subcommand handlers by name; each feature supplies its own and app.ts merges them. */
export type Subcommands = Readonly<Record<string, SubcommandHandler>>;
