import type { App } from '@slack/bolt';
import type { KnownBlock } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import type { QuickStartItem } from '../../domain/quick-start/quick-start.ts';
import type { Ritual } from '../../domain/rituals/ritual.ts';
import type { RitualType } from '../../domain/rituals/ritual-types.ts';
import type { Member } from '../../domain/workspaces/workspace.ts';
import type { FeatureJob } from '../../jobs/handlers/feature-job.ts';
import type { OutboxKind } from '../../outbox/kinds.ts';
import type { OutboxMessage } from '../../outbox/message.ts';
import type { RenderedMessage } from '../../slack-api/outbox-messages.ts';
import type { Reply, SubcommandHandler } from '../commands/router.ts';
import type { SubmissionGuard } from './form.ts';
import type { MemberResolver } from './member.ts';

/**
 * A product feature, declared from its own folder (src/slack/features/<name>/index.ts) and named
 * once in feature-list.ts. Everything shared — App Home, quick start, export, help, erase, the
 * outbox, the job worker, the ritual engine — loops over these declarations, so adding a feature
 * touches no other feature's files. docs/architecture.md has the checklist.
 */
export interface SlackFeature {
  name: string;
  /** `/careerplan <name> …` handlers; a name claimed twice is a start-up error. */
  subcommands?: Readonly<Record<string, SubcommandHandler>>;
  /** Help lines of its subcommands, in the order help shows them. */
  help?: readonly HelpEntry[];
  /** Registers its actions, views, shortcuts and events (web role only). */
  register?(app: App): void;
  /** Its parts of the member's App Home, placed by `order` (lower first). */
  homeSections?: readonly HomeSection[];
  /** Quick-start checklist items it brings; each ticks from activity events. */
  quickStart?: readonly QuickStartItem[];
  /** `/careerplan export <kind>` kinds it can export. */
  exportKinds?: readonly ExportKind[];
  /** Kinds of message it sends through the outbox. */
  outboxKinds?: readonly OutboxKind[];
  /** Ritual types it runs on the ritual engine. */
  ritualTypes?: readonly RitualTypeEdge[];
  /** Background jobs it runs on the worker (`feature-job`), by name. */
  jobs?: Readonly<Record<string, FeatureJob>>;
  /** Recurring runs of its jobs (BullMQ job schedulers, upserted by id at worker start). */
  schedules?: readonly FeatureSchedule[];
  /** Its part of `delete-my-data`: erases what it stores about one member; counts by thing. */
  erase?(member: { teamId: string; userId: string }): Promise<Record<string, number>>;
}

/** Runs one of the feature's `jobs` every `everyMs`, once across replicas. */
export interface FeatureSchedule {
  /** Unique among all features' schedules; the scheduler's id in BullMQ. */
  id: string;
  /** A key of the feature's `jobs`. */
  job: string;
  everyMs: number;
  data?: Record<string, unknown>;
}

/** One line of help: `• *name* — summary (admins)` with an example. */
export interface HelpEntry {
  name: string;
  summary: string;
  example: string;
  adminOnly?: boolean;
}

/** Who App Home is being built for, with their zone already decided (kit/member.ts). */
export interface HomeContext {
  member: Member;
  tz: string;
  now: Date;
}

export interface HomeSection {
  id: string;
  order: number;
  /** The section's blocks (no leading divider); [] hides it. Block ids must be unique. */
  render(ctx: HomeContext): Promise<KnownBlock[]>;
}

export interface ExportContext {
  client: WebClient;
  teamId: string;
  userId: string;
  /** Acknowledge the command before slow work. */
  ack(): Promise<void>;
}

export interface ExportKind {
  kind: string;
  /** What it exports, e.g. "your one-page career plan". */
  summary: string;
  run(ctx: ExportContext): Promise<Reply>;
}

/** The Slack side of a ritual type: its reminder prompt and its do-it-now modal. */
export interface RitualTypeEdge {
  type: RitualType;
  prompt: { text: string; doNow: string };
  /**
   * Opens the type's modal from a reminder's "do it now" button. The modal's own listener says
   * what a response does (stores it and marks the reminder done through the outbox).
   */
  openDoNow?(args: { client: WebClient; triggerId: string; reminder: OutboxMessage }): Promise<void>;
  /**
   * For channel rituals: the post that opens each occurrence (and its thread), rendered when it is
   * sent, with the occurrence it belongs to and its own outbox row.
   */
  channelPost?(ritual: Ritual, post: { occurrenceId: string; rowId: string }): Promise<RenderedMessage>;
  /**
   * Checked when a reminder DM is about to be sent: a reason to skip it (e.g. the member already
   * answered this occurrence), or undefined to send it.
   */
  reminderSkipReason?(reminder: OutboxMessage): Promise<string | undefined>;
  /** `/careerplan ritual digest <name>`: posts the type's digest now (types that have one). */
  digestNow?(args: { teamId: string; requestedBy: string }): Promise<Reply>;
  /** How many people answered an occurrence (`ritual status`); default: reminders marked done. */
  respondedCount?(occurrenceId: string): Promise<number>;
  /** The member's line about this ritual in App Home's rituals section, and its button. */
  home?: {
    status(ctx: HomeContext): Promise<string | undefined>;
    button?: { actionId: string; text: string };
  };
}

/** What the updated Home tab needs after a change the member should see. */
export interface HomeRefresher {
  /**
   * Republishes the member's App Home. The change is already stored, so a failure here is
   * logged, not shown: the next app_home_opened repairs the view.
   */
  refresh(client: WebClient, teamId: string, userId: string): Promise<void>;
}

/**
 * What the shell lends every feature: the member resolver (the member's zone, decided once),
 * App Home refreshes, and the registry of all features (read at call time, once assembled).
 */
export interface Shell {
  resolver: MemberResolver;
  home: HomeRefresher;
  /** Makes a resubmitted modal store once (kit/form.ts). */
  guard: SubmissionGuard;
  ritualTypeEdges(): ReadonlyMap<string, RitualTypeEdge>;
  /**
   * Erases one member through every feature's erase hook (the core's last), answering what went
   * by `<feature>.<thing>` — what delete-my-data runs.
   */
  erase(member: { teamId: string; userId: string }): Promise<Record<string, number>>;
}

/** How a feature folder declares itself: from the container and the shell, a feature. */
export type FeatureFactory<D> = (deps: D, shell: Shell) => SlackFeature;
