import type { HomeView, KnownBlock, ModalView } from '@slack/types';
import type { ErasureResult } from '../../../../domain/privacy/erasure.service.ts';
import { describeErased, describeStored } from '../../../../domain/privacy/erasure.ts';
import { context, esc, header, md, modal, option, plain, section } from '../../../kit/blocks.ts';
import { CONFIRM_FIELD, CONFIRM_VALUE, PRIVACY_ACTIONS, PRIVACY_VIEWS } from '../ids.ts';

function bullets(lines: readonly string[]): string {
  return lines.map((l) => `• ${esc(l)}`).join('\n');
}

/**
 * The confirmation: exactly what is stored (counted table by table just now), what happens to
 * planned reminders, what stays, and a box to tick. Cancel changes nothing.
 */
export function confirmEraseModal(args: {
  subjectId: string;
  self: boolean;
  stored: Readonly<Record<string, number>>;
}): ModalView {
  const lines = describeStored(args.stored);
  const whose = args.self ? 'you' : md`<@${args.subjectId}>`;
  const blocks: KnownBlock[] = [
    section(
      args.self
        ? '*This erases everything careerplan holds about you in this workspace:*'
        : md`*This erases everything careerplan holds about <@${args.subjectId}> in this workspace* (they left it; for a data-protection request):`,
    ),
    section(lines.length > 0 ? bullets(lines) : `careerplan holds nothing about ${whose} here right now.`),
    section(
      `Reminders planned for ${whose} are cancelled, so none arrives afterwards. Kept: the team's ladder, rituals and checklists, and posts already in team channels.`,
    ),
    context(
      'This cannot be undone. The erase is recorded — who erased whom, and when — without any of the erased content.',
    ),
    {
      type: 'input',
      block_id: CONFIRM_FIELD,
      label: plain('Confirm'),
      element: {
        type: 'checkboxes',
        action_id: CONFIRM_FIELD,
        options: [
          option(
            args.self ? 'Yes, erase all my careerplan data' : 'Yes, erase all their careerplan data',
            CONFIRM_VALUE,
          ),
        ],
      },
    },
  ];
  return modal({
    callbackId: PRIVACY_VIEWS.confirm,
    title: args.self ? 'Delete my data' : 'Delete member data',
    submit: 'Erase',
    close: 'Cancel',
    blocks,
    metadata: { subject: args.subjectId },
  });
}

/** What was erased, shown in place of the confirmation. */
export function erasedModal(args: {
  subjectId: string;
  self: boolean;
  result: ErasureResult;
  reference?: string;
}): ModalView {
  const lines = describeErased(args.result.erased);
  const { cancelledReminders, leftOver } = args.result;
  const blocks: KnownBlock[] = [
    section(
      args.self
        ? '*Your careerplan data is erased.*'
        : md`*The careerplan data of <@${args.subjectId}> is erased.*`,
    ),
    section(lines.length > 0 ? bullets(lines) : 'There was nothing stored to erase.'),
    section(
      cancelledReminders > 0
        ? `${cancelledReminders} planned reminder${cancelledReminders === 1 ? ' was' : 's were'} cancelled.`
        : 'No reminders were planned.',
    ),
  ];
  const left = Object.keys(leftOver);
  if (left.length > 0) {
    blocks.push(
      section(
        md`:warning: Some records are still there (${left.join(', ')}). An operator can finish the erase${args.reference ? ` with reference \`${args.reference}\`` : ''}.`,
      ),
    );
  }
  if (args.self) blocks.push(context('Using careerplan again starts from scratch.'));
  return modal({ callbackId: PRIVACY_VIEWS.done, title: 'Data erased', close: 'Done', blocks });
}

/** The member's Home tab right after their erase, built without reading (or storing) anything. */
export function erasedHome(): HomeView {
  return {
    type: 'home',
    blocks: [
      header('careerplan'),
      section('Your careerplan data was erased. Nothing about you is stored any more.'),
      context('To start again, set a north star with `/careerplan goal`.'),
    ],
  };
}

/** The Home tab's last line: where to erase everything. */
export function privacyHomeBlocks(): KnownBlock[] {
  return [
    {
      type: 'context',
      elements: [
        { type: 'mrkdwn', text: 'Your data, your call: `/careerplan delete-my-data` erases all of it.' },
      ],
    },
    {
      type: 'actions',
      block_id: 'privacy_home_actions',
      elements: [{ type: 'button', action_id: PRIVACY_ACTIONS.openErase, text: plain('Delete my data…') }],
    },
  ];
}
