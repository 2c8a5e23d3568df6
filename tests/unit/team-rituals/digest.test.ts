import { describe, expect, it } from 'vitest';
import { type DigestPerson, groupByPerson } from '../../../src/domain/learning-hour/digest.service.ts';
import type { LearningSummary } from '../../../src/domain/learning-hour/summary.ts';
import { validateMessage } from '../../../src/sandbox/slack/block-kit-limits.ts';
import { composeDigest, DIGEST_LIMITS } from '../../../src/slack/features/learning-hour/blocks/digest.ts';

let seq = 0;
function summary(userId: string, body: string, link: string | null = null): LearningSummary {
  seq += 1;
  return {
    id: String(seq),
    teamId: 'T1',
    userId,
    occurrenceId: '9',
    body,
    link,
    source: 'modal',
    createdAt: new Date(Date.UTC(2026, 11, 1, 0, 0, seq)),
  };
}

const week = { date: '2026-12-03' };

function people(count: number, perPerson: number, bodyLength: number): DigestPerson[] {
  const summaries: LearningSummary[] = [];
  for (let p = 0; p < count; p++) {
    for (let s = 0; s < perPerson; s++) {
      const head = `S${p}.${s}: `;
      summaries.push(
        summary(
          `U${p}`,
          `${head}${'x'.repeat(Math.max(1, bodyLength - head.length))}`,
          `https://ex.com/${p}/${s}`,
        ),
      );
    }
  }
  return groupByPerson(summaries);
}
const names = (group: readonly DigestPerson[]) => new Map(group.map((p) => [p.userId, `Person ${p.userId}`]));

describe('learning digest', () => {
  it('groups summaries by person, in the order people first contributed, links kept, with a count', () => {
    const group = groupByPerson([
      summary('U_B', 'Bob one'),
      summary('U_A', 'Ann one', 'https://a.example/post'),
      summary('U_B', 'Bob two'),
    ]);
    expect(group.map((p) => [p.userId, p.summaries.length])).toEqual([
      ['U_B', 2],
      ['U_A', 1],
    ]);
    const [part, ...rest] = composeDigest(
      week,
      group,
      new Map([
        ['U_A', 'Ann'],
        ['U_B', 'Bob'],
      ]),
    );
    expect(rest).toEqual([]);
    expect(part?.text).toContain('*3 summaries* from *2 people*');
    expect(part?.text).toContain('*Bob* — 2 summaries\n• Bob one\n• Bob two');
    expect(part?.text).toContain(
      '*Ann* — 1 summary\n• Ann one — <https://a.example/post|https://a.example/post>',
    );
    expect(part?.text).not.toContain('part 1');
  });

  it('escapes what members wrote, so a summary cannot ping the channel', () => {
    const [part] = composeDigest(
      week,
      groupByPerson([summary('U_A', '<!channel> & <@U1>')]),
      new Map([['U_A', '<b>Ann</b>']]),
    );
    expect(part?.text).toContain('&lt;!channel&gt; &amp; &lt;@U1&gt;');
    expect(part?.text).toContain('*&lt;b&gt;Ann&lt;/b&gt;*');
    expect(part?.text).not.toContain('<!channel>');
  });

  it('an empty week still gets a digest that says so', () => {
    const parts = composeDigest(week, [], new Map());
    expect(parts).toHaveLength(1);
    expect(parts[0]?.text).toContain('*0 summaries*');
    expect(parts[0]?.text).toContain('No summaries this week');
  });

  it('60 long summaries split across replies within Slack’s limits, in order, none lost', () => {
    const group = people(20, 3, 2500);
    const parts = composeDigest(week, group, names(group));
    expect(parts.length).toBeGreaterThan(1);
    const all = parts.map((p) => p.text).join('\n');
    parts.forEach((p, i) => {
      expect(validateMessage({ text: p.text })).toEqual([]);
      // The budget, plus the reply's own heading.
      expect(p.text.length).toBeLessThanOrEqual(DIGEST_LIMITS.partChars + 200);
      expect(p.text).toContain(`(part ${i + 1} of ${parts.length})`);
    });
    const shown = group.flatMap((p) => p.summaries).filter((s) => all.includes(s.body)).length;
    const summarised = /…and (\d+) more summar/.exec(all);
    // Every summary is shown whole, or counted in the closing reply: never dropped silently.
    expect(shown + Number(summarised?.[1] ?? 0)).toBe(60);
    for (const s of group.flatMap((p) => p.summaries)) {
      if (all.includes(s.body)) expect(all).toContain(s.link ?? '');
    }
    // A person whose summaries span two replies is marked as continued, never cut mid-summary.
    if (parts.some((p) => p.text.includes('(continued)')))
      expect(all).toMatch(/\*Person U\d+\* \(continued\)/);
  });

  it('a huge week is capped: the last reply names who else contributed and how many', () => {
    const group = people(120, 5, 1500);
    const parts = composeDigest(week, group, names(group), { partChars: 12_000, maxParts: 4 });
    expect(parts).toHaveLength(5);
    const last = parts.at(-1)?.text ?? '';
    const hidden = Number(/…and (\d+) more summaries/.exec(last)?.[1]);
    const all = parts.map((p) => p.text).join('\n');
    const shown = group.flatMap((p) => p.summaries).filter((s) => all.includes(s.body)).length;
    expect(shown + hidden).toBe(600);
    expect(last).toContain('Person U104 (5)');
    expect(last).toMatch(/and \d+ other people\. Every summary/);
    expect(last).toContain('Every summary is in this thread above');
    for (const p of parts) expect(validateMessage({ text: p.text })).toEqual([]);
  });

  it('a summary longer than a whole reply gets a reply of its own, whole', () => {
    const big = summary('U_A', '<'.repeat(3000));
    const small = summary('U_B', 'small');
    const parts = composeDigest(week, groupByPerson([small, big]), new Map(), {
      partChars: 2000,
      maxParts: 10,
    });
    expect(parts).toHaveLength(2);
    expect(parts[1]?.text).toContain('&lt;'.repeat(3000));
    expect(validateMessage({ text: parts[1]?.text })).toEqual([]);
  });
});
