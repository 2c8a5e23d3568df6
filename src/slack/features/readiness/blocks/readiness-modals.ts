import type { InputBlock, KnownBlock, ModalView } from '@slack/types';
import { TRACK_LABELS, type Track } from '../../../../domain/plans/ladder.ts';
import { type Artifact, kindLabel } from '../../../../domain/portfolio/artifact.ts';
import { MAX_EVIDENCE_PER_ITEM } from '../../../../domain/readiness/readiness.service.ts';
import {
  type ChecklistItem,
  READINESS_LIMITS,
  SUGGESTED_KINDS,
} from '../../../../domain/readiness/readiness.ts';
import {
  context,
  cut,
  md,
  modal,
  noticeModal,
  option,
  plain,
  section,
  textInput,
} from '../../../kit/blocks.ts';
import { NEW_ROWS, READINESS_FIELDS, READINESS_VIEWS } from '../ids.ts';

/** Slack's limit on options in one select. */
const MAX_OPTIONS = 100;

function artifactOption(a: Pick<Artifact, 'id' | 'title' | 'kind' | 'occurredOn'>) {
  return option(cut(`${a.title.replace(/\s+/g, ' ')} · ${kindLabel(a.kind)} · ${a.occurredOn}`, 75), a.id);
}

/**
 * Picks the artifacts that are evidence for one item (all of them at once, so deselecting
 * unlinks). Artifacts of the kinds the item suggests come first; without any artifact there is
 * nothing to link, and the modal says how to add one.
 */
export function linkEvidenceModal(args: {
  track: Track;
  item: ChecklistItem;
  artifacts: readonly Artifact[];
  linkedIds: readonly string[];
  metadata: Record<string, unknown>;
}): ModalView {
  if (args.artifacts.length === 0) {
    return noticeModal(
      READINESS_VIEWS.notice,
      'Link evidence',
      md`Your portfolio is empty, so there is nothing to link to *${args.item.label}* yet. Add an artifact with \`/careerplan portfolio add\` (or *Add to portfolio* on a Slack message), then come back.`,
    );
  }
  const suggested = SUGGESTED_KINDS[args.item.key] ?? [];
  const linked = new Set(args.linkedIds);
  const ordered = [...args.artifacts].sort(
    (a, b) =>
      Number(linked.has(b.id)) - Number(linked.has(a.id)) ||
      Number(suggested.includes(b.kind)) - Number(suggested.includes(a.kind)),
  );
  const options = ordered.slice(0, MAX_OPTIONS).map(artifactOption);
  const initial = options.filter((o) => linked.has(o.value ?? ''));
  const input: InputBlock = {
    type: 'input',
    block_id: READINESS_FIELDS.evidence,
    optional: true,
    label: plain('Evidence from your portfolio'),
    hint: plain(
      `Needs ${args.item.evidenceNeeded} artifact${args.item.evidenceNeeded === 1 ? '' : 's'} to tick. Leave it empty to unlink everything.`,
      150,
    ),
    element: {
      type: 'multi_static_select',
      action_id: READINESS_FIELDS.evidence,
      placeholder: plain('Pick artifacts…'),
      max_selected_items: MAX_EVIDENCE_PER_ITEM,
      options,
      ...(initial.length > 0 ? { initial_options: initial } : {}),
    },
  };
  return modal({
    callbackId: READINESS_VIEWS.link,
    title: 'Link evidence',
    submit: 'Save',
    blocks: [section(md`*${args.item.label}*`), context(md`${TRACK_LABELS[args.track]} track`), input],
    metadata: args.metadata,
  });
}

function neededInput(blockId: string, initial: number): InputBlock {
  const options = Array.from({ length: READINESS_LIMITS.maxEvidence }, (_, i) =>
    option(`${i + 1} artifact${i === 0 ? '' : 's'}`, String(i + 1)),
  );
  return {
    type: 'input',
    block_id: blockId,
    label: plain('Evidence needed'),
    element: {
      type: 'static_select',
      action_id: blockId,
      options,
      initial_option: options[Math.max(0, Math.min(initial, READINESS_LIMITS.maxEvidence) - 1)] ?? options[0],
    },
  };
}

/**
 * The admin's form for one track's checklist: each item's words and how many artifacts tick it,
 * then a few blank rows to add items. Clearing an item's words removes it.
 */
export function checklistModal(track: Track, items: readonly ChecklistItem[]): ModalView {
  const blocks: KnownBlock[] = [
    section(md`The *${TRACK_LABELS[track]}* checklist members tick with portfolio evidence.`),
    context(
      `Reword an item and its linked evidence stays. Clear an item's words to remove it (its evidence links go too). At most ${READINESS_LIMITS.maxItems} items.`,
    ),
  ];
  const rows = [
    ...items.map((item) => ({ key: item.key, label: item.label, needed: item.evidenceNeeded })),
    ...Array.from({ length: NEW_ROWS }, (_, i) => ({ key: `new${i + 1}`, label: '', needed: 1 })),
  ];
  rows.forEach((row, i) => {
    blocks.push(
      textInput(`${READINESS_FIELDS.label}${row.key}`, `Item ${i + 1}`, {
        initial: row.label,
        optional: true,
        maxLength: READINESS_LIMITS.maxLabel,
        ...(row.label === '' ? { placeholder: 'A new item, e.g. "Ran a quarterly planning process"' } : {}),
      }),
      neededInput(`${READINESS_FIELDS.needed}${row.key}`, row.needed),
    );
  });
  return modal({
    callbackId: READINESS_VIEWS.checklist,
    title: 'Readiness checklist',
    submit: 'Save',
    blocks,
    metadata: { track, keys: items.map((i) => i.key) },
  });
}
