import type { ViewOutput } from '@slack/bolt';
import { DomainError } from '../../../../domain/errors.ts';
import { parseCadenceText } from '../../../../domain/rituals/cadence-text.ts';
import type { RitualService } from '../../../../domain/rituals/ritual.service.ts';
import { describeSchedule } from '../../../../domain/rituals/ritual.ts';
import { isValidTimeZone, parseLocalTime } from '../../../../domain/schedules/index.ts';
import { requireAdmin } from '../../../kit/admin.ts';
import { formSubmission } from '../../../kit/form.ts';
import { fieldValue, metadataOf } from '../../../kit/view-state.ts';
import { SETUP_FIELDS } from '../blocks/ritual-setup-modal.ts';
import type { RitualEdge } from '../context.ts';

function readSetup(view: ViewOutput) {
  const channelId = fieldValue(view, SETUP_FIELDS.channel);
  if (!channelId) throw new DomainError('setup_invalid', 'Pick the ritual’s channel.', SETUP_FIELDS.channel);
  const cadence = parseCadenceText(fieldValue(view, SETUP_FIELDS.cadence));
  let localTime: ReturnType<typeof parseLocalTime>;
  try {
    localTime = parseLocalTime(fieldValue(view, SETUP_FIELDS.time));
  } catch (error) {
    throw new DomainError('setup_invalid', (error as Error).message, SETUP_FIELDS.time);
  }
  const timeZone = fieldValue(view, SETUP_FIELDS.timeZone).trim();
  if (timeZone && !isValidTimeZone(timeZone)) {
    throw new DomainError(
      'setup_invalid',
      `"${timeZone.slice(0, 40)}" is not an IANA time zone like Europe/Berlin.`,
      SETUP_FIELDS.timeZone,
    );
  }
  return { channelId, cadence, localTime, timeZone: timeZone || null };
}

/** Saves a ritual's channel and schedule (admins only), then plans its next occurrences. */
export function ritualSetupSubmitted(deps: RitualEdge, service: RitualService) {
  return formSubmission(
    { logger: deps.logger, guard: deps.guard },
    {
      fallbackBlock: SETUP_FIELDS.channel,
      async save({ args: { view, client }, teamId, userId }) {
        const setup = readSetup(view);
        const metadataName = metadataOf(view).name;
        const type = deps.types.parse(
          typeof metadataName === 'string' ? metadataName : undefined,
          '/careerplan ritual setup contribution',
        );
        await requireAdmin(deps, client, teamId, userId, 'set up rituals');
        const ritual = await service.setup(teamId, type.name, setup);
        return { ritual, type, channelId: setup.channelId };
      },
      async after({ args: { client }, userId }, { ritual, type, channelId }) {
        await client.chat.postMessage({
          channel: userId,
          text: `:white_check_mark: *${type.title}* runs in <#${channelId}> ${describeSchedule(ritual.cadence, ritual.localTime)}. Make sure the careerplan bot is a member of that channel.`,
        });
      },
    },
  );
}
