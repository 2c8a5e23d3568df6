import type { KnownBlock } from '@slack/types';
import type { ProjectedSession } from '../../../../domain/design-review/rotation.ts';
import { channelPostAt } from '../../../../domain/schedules/index.ts';
import { esc } from '../../../kit/blocks.ts';
import { whenText } from './when.ts';

/** `/careerplan review`: the next sessions with their presenters, and where the member stands. */
export function reviewListMessage(args: {
  sessions: readonly ProjectedSession[];
  names: ReadonlyMap<string, string>;
  time: { hour: number; minute: number };
  zone: string;
  readerTz: string;
  channelId: string | null;
  memberLine: string;
}): { text: string; blocks: KnownBlock[] } {
  const lines = args.sessions.map((s) => {
    const when = whenText(channelPostAt(s.date, args.time, args.zone), args.zone, args.readerTz);
    const who = s.presenter ? `*${esc(args.names.get(s.presenter) ?? 'a teammate')}*` : '_nobody available_';
    return `• ${when} — ${who}${s.assigned ? '' : ' _(if the rotation holds)_'}`;
  });
  const where = args.channelId ? ` in <#${args.channelId}>` : '';
  const body = lines.length
    ? `*Next design reviews*${where}:\n${lines.join('\n')}`
    : '*Next design reviews*: none planned (the design review is not set up, or paused).';
  return {
    text: 'Next design reviews',
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: body } },
      { type: 'context', elements: [{ type: 'mrkdwn', text: args.memberLine }] },
    ],
  };
}
