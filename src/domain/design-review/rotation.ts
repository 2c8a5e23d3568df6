/**
 * The design review's presenter rotation (docs/product/rituals.md), as pure rules: whoever
 * presented least recently goes first (never presented counts as least recent), ties broken by
 * join date (earlier first), then by user id so the order is total. Members out of office or
 * paused on the session's day are skipped for that session, keeping their place.
 */
export interface RotationMember {
  userId: string;
  joinedAt: Date;
  /** The date of their latest session as presenter (assigned or held); null if never. */
  lastPresentedOn: string | null;
}

/** The rotation's order for the next session: who goes first, second, … */
export function rotationOrder(members: readonly RotationMember[]): RotationMember[] {
  return [...members].sort((a, b) => {
    const last = (a.lastPresentedOn ?? '').localeCompare(b.lastPresentedOn ?? '');
    if (last !== 0) return last;
    const joined = a.joinedAt.getTime() - b.joinedAt.getTime();
    if (joined !== 0) return joined;
    return a.userId.localeCompare(b.userId);
  });
}

/**
 * The presenter of a session: the first member in rotation order who is available that day and
 * not excluded (the current presenter, when looking for someone to swap with).
 */
export function pickPresenter(
  members: readonly RotationMember[],
  isAvailable: (userId: string) => boolean,
  exclude: ReadonlySet<string> = new Set(),
): string | undefined {
  return rotationOrder(members).find((m) => !exclude.has(m.userId) && isAvailable(m.userId))?.userId;
}

/** One upcoming session in a preview: who presents, and whether that is already decided. */
export interface ProjectedSession {
  date: string;
  presenter: string | undefined;
  assigned: boolean;
}

/**
 * The next sessions' presenters as the rotation would pick them (`/careerplan review`): sessions
 * already assigned keep their presenter; each other one picks by the rules above, counting the
 * sessions projected before it, so the same person is not shown twice in a row.
 */
export function projectRotation(
  members: readonly RotationMember[],
  sessions: ReadonlyArray<{ date: string; presenter?: string | null }>,
  isAvailable: (userId: string, date: string) => boolean,
): ProjectedSession[] {
  const state = new Map(members.map((m) => [m.userId, { ...m }]));
  const ordered = [...sessions].sort((a, b) => a.date.localeCompare(b.date));
  const projected: ProjectedSession[] = [];
  for (const session of ordered) {
    const assigned = session.presenter !== undefined;
    const presenter = assigned
      ? (session.presenter ?? undefined)
      : pickPresenter([...state.values()], (userId) => isAvailable(userId, session.date));
    const member = presenter ? state.get(presenter) : undefined;
    if (member && (member.lastPresentedOn ?? '') < session.date) member.lastPresentedOn = session.date;
    projected.push({ date: session.date, presenter, assigned });
  }
  return projected;
}
