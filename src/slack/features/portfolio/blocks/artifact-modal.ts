import type { InputBlock, KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import {
  ARTIFACT_LIMITS,
  type EvidenceTarget,
  evidenceTargetValue,
  kindLabel,
} from '../../../../domain/portfolio/artifact.ts';
import type { EvidenceTargetOption } from '../../../../domain/portfolio/portfolio.service.ts';
import { context, cut, modal, option, plain, selectInput, textInput } from '../../../kit/blocks.ts';
import { ARTIFACT_FIELDS, NO_TARGET } from '../ids.ts';

/** What the form shows filled in (an edit, or a message the shortcut was used on). */
export interface ArtifactFormValues {
  kind?: string;
  title?: string;
  link?: string | null;
  impact?: string;
  occurredOn: string;
  evidenceFor?: EvidenceTarget | null;
  /** The linked target's title, for a target no longer offered (an old quarter's key result). */
  evidenceTitle?: string | null;
}

function optionText(target: EvidenceTargetOption): string {
  return cut(target.title.replace(/\s+/g, ' '), 75);
}

/**
 * The "evidence for" picker: the member's milestones and this quarter's key results, grouped,
 * with "Not linked" so a link can be removed (a static select cannot be emptied once picked).
 */
function evidenceInput(
  targets: readonly EvidenceTargetOption[],
  values: ArtifactFormValues,
): InputBlock | undefined {
  const current = values.evidenceFor ?? null;
  const all = [...targets];
  if (current && !all.some((t) => t.type === current.type && t.id === current.id)) {
    all.push({ ...current, title: values.evidenceTitle ?? 'linked earlier' });
  }
  if (all.length === 0) return undefined;
  const group = (label: string, type: EvidenceTarget['type']) => ({
    label: plain(label),
    options: all
      .filter((t) => t.type === type)
      .slice(0, 99)
      .map((t) => option(optionText(t), evidenceTargetValue(t))),
  });
  const groups = [
    { label: plain('No link'), options: [option('Not linked', NO_TARGET)] },
    group('Milestones', 'milestone'),
    group('Key results', 'key_result'),
  ].filter((g) => g.options.length > 0);
  const initialValue = current ? evidenceTargetValue(current) : null;
  const initial = groups.flatMap((g) => g.options).find((o: PlainTextOption) => o.value === initialValue);
  return {
    type: 'input',
    block_id: ARTIFACT_FIELDS.evidenceFor,
    optional: true,
    label: plain('Evidence for (optional)'),
    hint: plain('The milestone or key result of your plan this shows progress on.', 150),
    element: {
      type: 'static_select',
      action_id: ARTIFACT_FIELDS.evidenceFor,
      placeholder: plain('A milestone or key result…'),
      option_groups: groups,
      ...(initial ? { initial_option: initial } : {}),
    },
  };
}

/**
 * The artifact form, for adding (from the command, App Home or a message) and editing: kind,
 * title, link, impact, date and the optional milestone or key result it is evidence for.
 */
export function artifactModal(args: {
  callbackId: string;
  title: string;
  kinds: readonly string[];
  targets: readonly EvidenceTargetOption[];
  values: ArtifactFormValues;
  metadata: Record<string, unknown>;
  note?: string;
}): ModalView {
  const { values } = args;
  const blocks: KnownBlock[] = [];
  if (args.note) blocks.push(context(args.note));
  blocks.push(
    selectInput(
      ARTIFACT_FIELDS.kind,
      'Kind',
      args.kinds.map((k) => option(kindLabel(k), k)),
      { initial: values.kind ?? null },
    ),
    textInput(ARTIFACT_FIELDS.title, 'Title', {
      initial: values.title ?? null,
      maxLength: ARTIFACT_LIMITS.title,
      placeholder: 'e.g. Search relevance v2 design doc',
    }),
    textInput(ARTIFACT_FIELDS.link, 'Link', {
      initial: values.link ?? null,
      maxLength: ARTIFACT_LIMITS.link,
      optional: true,
      placeholder: 'https://…',
      hint: 'The doc, PR, dashboard, recording or post.',
    }),
    textInput(ARTIFACT_FIELDS.impact, 'Impact', {
      initial: values.impact ?? null,
      maxLength: ARTIFACT_LIMITS.impact,
      multiline: true,
      hint: 'One or two sentences: what changed because of it, and for whom.',
    }),
    {
      type: 'input',
      block_id: ARTIFACT_FIELDS.occurredOn,
      label: plain('Date'),
      element: {
        type: 'datepicker',
        action_id: ARTIFACT_FIELDS.occurredOn,
        initial_date: values.occurredOn,
      },
    },
  );
  const evidence = evidenceInput(args.targets, values);
  if (evidence) blocks.push(evidence);
  return modal({
    callbackId: args.callbackId,
    title: args.title,
    submit: 'Save',
    blocks,
    metadata: args.metadata,
  });
}
