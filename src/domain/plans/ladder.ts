import { DomainError } from '../errors.ts';

/** The three career tracks a north star can point along. */
export type Track = 'ic' | 'manager' | 'staff';

/** Every track, in the order they are offered in pickers. */
export const TRACKS: readonly Track[] = ['ic', 'manager', 'staff'];

/** Words people read for each track. */
export const TRACK_LABELS: Readonly<Record<Track, string>> = {
  ic: 'Individual contributor',
  manager: 'People manager',
  staff: 'Staff / architect',
};

/** One rung of a team's career ladder; ladders are ordered from junior to senior. */
export interface LadderLevel {
  /** Short stable code such as `L4`, shown in pickers and used in storage. */
  code: string;
  title: string;
  /** One line of scope, impact and expected skills. */
  summary: string;
}

/** Upper bounds enforced by {@link validateLadder}. */
export const LADDER_LIMITS = { minLevels: 1, maxLevels: 12, maxSummary: 300, maxTitle: 80 } as const;

const LEVEL_CODE = /^[A-Z0-9][A-Z0-9-]{0,9}$/;

/** The ladder a team starts with until an admin edits it. */
export const DEFAULT_LADDER: readonly LadderLevel[] = Object.freeze([
  {
    code: 'L3',
    title: 'Software Engineer',
    summary:
      'Delivers well-scoped tasks within a feature with guidance; writes tested, readable code, asks for help early and learns the team’s systems and tools.',
  },
  {
    code: 'L4',
    title: 'Software Engineer II',
    summary:
      'Owns features end to end with little guidance; makes sound design choices within a service, adds monitoring, reviews peers’ code and unblocks themselves.',
  },
  {
    code: 'L5',
    title: 'Senior Software Engineer',
    summary:
      'Leads multi-person projects across services; shapes designs others build on, raises the team’s quality bar, mentors engineers and handles ambiguity and incidents.',
  },
  {
    code: 'L6',
    title: 'Staff Software Engineer',
    summary:
      'Sets technical direction across teams; drives architecture and platform decisions with long-term impact, grows senior engineers and aligns work with the org’s goals.',
  },
]);

/** The ladder codes a text may refer to, for messages like "use one of L3, L4, L5". */
export function ladderCodes(ladder: readonly LadderLevel[]): string {
  return ladder.map((level) => level.code).join(', ');
}

/**
 * Position of a level in the ladder (0 = most junior), or -1 when the code is not on it.
 * Codes are compared case-insensitively, since people type `l4` as often as `L4`.
 */
export function levelIndex(ladder: readonly LadderLevel[], code: string): number {
  const wanted = code.trim().toUpperCase();
  return ladder.findIndex((level) => level.code === wanted);
}

/**
 * Checks an admin-edited ladder: 1-12 levels, unique codes like `L4` or `IC-3`
 * (capitals, digits and dashes, at most 10 characters), a title, and a summary of at
 * most 300 characters. Returns a trimmed copy; throws a {@link DomainError}
 * (`ladder_invalid`) naming the first problem otherwise.
 */
export function validateLadder(levels: readonly LadderLevel[]): LadderLevel[] {
  if (levels.length < LADDER_LIMITS.minLevels) {
    throw new DomainError('ladder_invalid', 'A career ladder needs at least one level.', 'levels');
  }
  if (levels.length > LADDER_LIMITS.maxLevels) {
    throw new DomainError(
      'ladder_invalid',
      `A career ladder can have at most ${LADDER_LIMITS.maxLevels} levels; this one has ${levels.length}.`,
      'levels',
    );
  }
  const seen = new Set<string>();
  return levels.map((level, i) => {
    const code = level.code.trim();
    const title = level.title.trim();
    const summary = level.summary.trim();
    const where = `Level ${i + 1}`;
    if (!LEVEL_CODE.test(code)) {
      throw new DomainError(
        'ladder_invalid',
        `${where}: the code "${code}" should be 1-10 capital letters, digits or dashes, e.g. \`L4\` or \`IC-3\`.`,
        'levels',
      );
    }
    if (seen.has(code)) {
      throw new DomainError('ladder_invalid', `${where}: the code ${code} is used twice.`, 'levels');
    }
    seen.add(code);
    if (title.length === 0 || title.length > LADDER_LIMITS.maxTitle) {
      throw new DomainError(
        'ladder_invalid',
        `${where} (${code}): the title should be 1-${LADDER_LIMITS.maxTitle} characters.`,
        'levels',
      );
    }
    if (summary.length > LADDER_LIMITS.maxSummary) {
      throw new DomainError(
        'ladder_invalid',
        `${where} (${code}): the summary is ${summary.length} characters; keep it to ${LADDER_LIMITS.maxSummary}.`,
        'levels',
      );
    }
    return { code, title, summary };
  });
}
