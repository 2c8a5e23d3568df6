import { describe, expect, it } from 'vitest';
import { plainMessageText, prefillFromMessage } from '../../../src/slack/features/portfolio/message-text.ts';

describe('a message turned into the add form', () => {
  it('reads Slack markup back to words', () => {
    expect(
      plainMessageText(
        'Shipped <https://gh.io/pr/1|PR 1> for <#C1|launches> <!here> <@U1|alice> <@U2> <!subteam^S1|@search> <https://x.io> a &lt; b &amp;&amp; c &gt; d',
      ),
    ).toBe('Shipped PR 1 for #launches @here @alice @U2 @search https://x.io a < b && c > d');
  });

  it('titles with the first line and keeps the whole text as impact, both cut to the form limits', () => {
    expect(prefillFromMessage('\n*Launched* search v2\nThanks all', { title: 150, impact: 500 })).toEqual({
      title: 'Launched search v2',
      impact: '*Launched* search v2 Thanks all',
    });
    const long = prefillFromMessage('x'.repeat(600), { title: 150, impact: 500 });
    expect(long.title).toHaveLength(150);
    expect(long.impact).toHaveLength(500);
    expect(prefillFromMessage('', { title: 150, impact: 500 })).toEqual({ title: '', impact: '' });
  });
});
