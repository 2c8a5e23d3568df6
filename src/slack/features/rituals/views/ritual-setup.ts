import type { ViewOutput } from '@slack/bolt';
import { DomainError } from '../../../../domain/errors.ts';
import { cadenceFromForm } from '../../../../domain/rituals/cadence-form.ts';
import type { RitualService } from '../../../../domain/rituals/ritual.service.ts';
import { describeSchedule, type Ritual } from '../../../../domain/rituals/ritual.ts';
import type { RitualType } from '../../../../domain/rituals/ritual-types.ts';
import { isValidTimeZone, localDateOf, parseLocalTime } from '../../../../domain/schedules/index.ts';
import { requireAdmin } from '../../../kit/admin.ts';
import { formSubmission } from '../../../kit/form.ts';
import { fieldValue, hasBlock, isChecked, metadataOf } from '../../../kit/view-state.ts';
import { ritualIntro } from '../blocks/ritual-intro.ts';
import { SETUP_FIELDS, TEAM_ZONE } from '../blocks/ritual-setup-modal.ts';
import type { RitualEdge } from '../context.ts';
import { RITUAL_INTRO_KIND } from '../outbox-kinds.ts';
import { ensureBotInChannel } from './channel-access.ts';

function readSetup(view: ViewOutput, today: string) {
  const channelId = fieldValue(view, SETUP_FIELDS.channel);
  if (!channelId) throw new DomainError('setup_invalid', 'Pick the ritual’s channel.', SETUP_FIELDS.channel);
  const cadence = cadenceFromForm(
    {
      frequency: fieldValue(view, SETUP_FIELDS.frequency),
      weekday: fieldValue(view, SETUP_FIELDS.weekday),
      nth: fieldValue(view, SETUP_FIELDS.nth),
      day: fieldValue(view, SETUP_FIELDS.day),
      anchor: fieldValue(view, SETUP_FIELDS.anchor),
    },
    today,
  );
  let localTime: ReturnType<typeof parseLocalTime>;
  try {
    localTime = parseLocalTime(fieldValue(view, SETUP_FIELDS.time));
  } catch (error) {
    throw new DomainError('setup_invalid', (error as Error).message, SETUP_FIELDS.time);
  }
  const picked = fieldValue(view, SETUP_FIELDS.timeZone);
  const timeZone = picked === '' || picked === TEAM_ZONE ? null : picked;
  if (timeZone && !isValidTimeZone(timeZone)) {
    throw new DomainError(
      'setup_invalid',
      `"${timeZone.slice(0, 40)}" is not a time zone.`,
      SETUP_FIELDS.timeZone,
    );
  }
  // Older modals (still open when this version shipped) have no intro box: no introduction.
  const intro = hasBlock(view, SETUP_FIELDS.intro) && isChecked(view, SETUP_FIELDS.intro, 'post');
  return { setup: { channelId, cadence, localTime, timeZone }, intro };
}

/**
 * Saves a ritual's channel and schedule (admins only) once the bot can post in the channel, then
 * plans its next occurrences; the optional introduction goes to the channel through the outbox.
 */
export function ritualSetupSubmitted(deps: RitualEdge, service: RitualService) {
  return formSubmission<{ ritual: Ritual; type: RitualType; intro: boolean; zone: string }>(
    { logger: deps.logger, guard: deps.guard },
    {
      fallbackBlock: SETUP_FIELDS.channel,
      async save({ args: { view, client }, teamId, userId }) {
        const team = await deps.calendar.teamCalendar(teamId);
        const { setup, intro } = readSetup(view, localDateOf(deps.clock.now(), team.timeZone));
        const metadataName = metadataOf(view).name;
        const type = deps.types.parse(
          typeof metadataName === 'string' ? metadataName : undefined,
          '/careerplan ritual setup contribution',
        );
        await requireAdmin(deps, client, teamId, userId, 'set up rituals');
        await ensureBotInChannel(client, setup.channelId);
        const ritual = await service.setup(teamId, type.name, setup);
        return { ritual, type, intro, zone: setup.timeZone ?? team.timeZone };
      },
      async after({ args: { client, view }, teamId, userId }, { ritual, type, intro, zone }) {
        if (intro && ritual.channelId) {
          await deps.outbox.enqueue([
            {
              teamId,
              // One introduction per saved form (a resubmitted form stores once anyway).
              key: `ritual:${ritual.id}:intro:${view.id}`,
              kind: RITUAL_INTRO_KIND,
              target: { type: 'channel', channelId: ritual.channelId },
              dueAt: deps.clock.now(),
              payload: { ...ritualIntro(ritual, type, zone) },
            },
          ]);
        }
        const where = ritual.audience === 'dm' ? "each member's own time" : zone;
        await client.chat.postMessage({
          channel: userId,
          text: `:white_check_mark: *${type.title}* runs in <#${ritual.channelId}> ${describeSchedule(ritual.cadence, ritual.localTime)} (${where}).${intro ? ' An introduction is posted there.' : ''}`,
        });
      },
    },
  );
}
