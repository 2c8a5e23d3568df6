import { DomainError } from '../errors.ts';
import { type LadderLevel, ladderCodes, levelIndex, TRACKS, type Track } from './ladder.ts';

/** A member's long-term direction. */
export interface NorthStar {
  track: Track;
  /** Where they want to be, in their own words. */
  destination: string;
  /** 2-5 years. */
  horizonYears: number;
  /** Ladder code, e.g. `L4`. */
  currentLevel: string;
  /** Ladder code at or above {@link currentLevel}. */
  targetLevel: string;
}

/** The north-star modal's values, as typed or picked (all strings). */
export interface NorthStarInput {
  track: string;
  destination: string;
  horizonYears: string;
  currentLevel: string;
  targetLevel: string;
}

/** Bounds enforced by {@link validateNorthStar}. */
export const NORTH_STAR_LIMITS = { maxDestination: 500, minHorizon: 2, maxHorizon: 5 } as const;

function isTrack(value: string): value is Track {
  return (TRACKS as readonly string[]).includes(value);
}

/**
 * Turns the north-star modal's raw values into a {@link NorthStar} using the team's
 * ladder. Throws a {@link DomainError} whose `field` is the key of the offending input
 * (`track`, `destination`, `horizonYears`, `currentLevel`, `targetLevel`) so the modal
 * can show the message beside it. Level codes are matched case-insensitively and
 * returned as the ladder spells them.
 */
export function validateNorthStar(input: NorthStarInput, ladder: readonly LadderLevel[]): NorthStar {
  const track = input.track.trim();
  if (!isTrack(track)) {
    throw new DomainError(
      'north_star_invalid',
      'Pick a track: individual contributor, people manager or staff/architect.',
      'track',
    );
  }

  const destination = input.destination.trim();
  if (destination.length === 0) {
    throw new DomainError(
      'north_star_invalid',
      'Describe where you want to be, e.g. "Lead the architecture of our payments platform".',
      'destination',
    );
  }
  if (destination.length > NORTH_STAR_LIMITS.maxDestination) {
    throw new DomainError(
      'north_star_invalid',
      `Keep the destination to ${NORTH_STAR_LIMITS.maxDestination} characters (it has ${destination.length}).`,
      'destination',
    );
  }

  const horizonText = input.horizonYears.trim();
  const horizonYears = Number(horizonText);
  if (
    !/^\d+$/.test(horizonText) ||
    horizonYears < NORTH_STAR_LIMITS.minHorizon ||
    horizonYears > NORTH_STAR_LIMITS.maxHorizon
  ) {
    throw new DomainError(
      'north_star_invalid',
      `The horizon is a whole number of years from ${NORTH_STAR_LIMITS.minHorizon} to ${NORTH_STAR_LIMITS.maxHorizon}.`,
      'horizonYears',
    );
  }

  const currentIndex = levelIndex(ladder, input.currentLevel);
  const current = ladder[currentIndex];
  if (!current) {
    throw new DomainError(
      'north_star_invalid',
      `Your current level should be one of the team's ladder levels: ${ladderCodes(ladder)}.`,
      'currentLevel',
    );
  }
  const targetIndex = levelIndex(ladder, input.targetLevel);
  const target = ladder[targetIndex];
  if (!target) {
    throw new DomainError(
      'north_star_invalid',
      `Your target level should be one of the team's ladder levels: ${ladderCodes(ladder)}.`,
      'targetLevel',
    );
  }
  if (targetIndex < currentIndex) {
    throw new DomainError(
      'north_star_invalid',
      `Your target level (${target.code}) is below your current level (${current.code}); pick ${current.code} or above.`,
      'targetLevel',
    );
  }

  return { track, destination, horizonYears, currentLevel: current.code, targetLevel: target.code };
}
