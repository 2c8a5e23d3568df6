import { describeSchedule, type Ritual } from '../../../../domain/rituals/ritual.ts';
import type { RitualType } from '../../../../domain/rituals/ritual-types.ts';

/** The optional introduction posted when a ritual is set up: what it is, when, how to pause. */
export function ritualIntro(ritual: Ritual, type: RitualType, zone: string): { text: string } {
  const when =
    ritual.audience === 'dm'
      ? `${describeSchedule(ritual.cadence, ritual.localTime)}, in each member's own time zone`
      : `${describeSchedule(ritual.cadence, ritual.localTime)} (${zone})`;
  return {
    text: [
      `:wave: *${type.title}* now runs in this channel: ${type.description}.`,
      `When: ${when}. Everyone in this channel takes part.`,
      'Pause your own reminders with `/careerplan pause` (or `/careerplan ooo <from> <to>` when away); admins pause the ritual with `/careerplan ritual pause ' +
        `${ritual.name}\`.`,
    ].join('\n'),
  };
}
