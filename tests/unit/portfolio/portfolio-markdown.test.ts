import { describe, expect, it } from 'vitest';
import type { Artifact } from '../../../src/domain/portfolio/artifact.ts';
import { renderDesignDocTemplate } from '../../../src/domain/portfolio/design-doc.ts';
import { renderPortfolioMarkdown } from '../../../src/domain/portfolio/portfolio-markdown.ts';

const artifact = (a: Partial<Artifact> & Pick<Artifact, 'id' | 'kind' | 'title'>): Artifact => ({
  link: null,
  impact: 'It mattered.',
  occurredOn: '2026-08-01',
  source: 'manual',
  evidenceFor: null,
  evidenceTitle: null,
  ...a,
});

describe('portfolio Markdown', () => {
  it('groups by kind in picker order, then other kinds; newest first; links and impact on one line', () => {
    const md = renderPortfolioMarkdown({
      memberName: 'Alice\nExample',
      generatedOn: '2026-08-31',
      artifacts: [
        artifact({ id: '1', kind: 'bug_fix', title: 'Fixed export', source: 'contribution' }),
        artifact({
          id: '2',
          kind: 'talk',
          title: 'Old [talk]',
          link: 'https://x.io/a (b)',
          occurredOn: '2026-01-05',
        }),
        artifact({
          id: '3',
          kind: 'talk',
          title: 'New talk',
          impact: 'Line one\nline two',
          evidenceFor: { type: 'milestone', id: '9' },
          evidenceTitle: 'Speak twice',
        }),
        artifact({ id: '4', kind: 'design_doc', title: 'Search v2' }),
      ],
    });
    expect(md).toBe(
      [
        '# Impact portfolio: Alice Example',
        '',
        '_Exported 2026-08-31_',
        '',
        '4 artifacts in 3 kinds.',
        '',
        '## Design doc',
        '',
        '- **Search v2** · 2026-08-01',
        '  It mattered.',
        '',
        '## Talk',
        '',
        '- **New talk** · 2026-08-01',
        '  Line one line two',
        '  _Evidence for the milestone “Speak twice”._',
        '- [Old \\[talk\\]](https://x.io/a%20%28b%29) · 2026-01-05',
        '  It mattered.',
        '',
        '## Bug fix',
        '',
        '- **Fixed export** · 2026-08-01',
        '  It mattered.',
        '',
      ].join('\n'),
    );
  });

  it('says how to start when the portfolio is empty', () => {
    expect(renderPortfolioMarkdown({ memberName: 'A', generatedOn: '2026-08-31', artifacts: [] })).toContain(
      '`/careerplan portfolio add`',
    );
  });

  it('the design-doc template has every section a reviewer expects', () => {
    const md = renderDesignDocTemplate({ author: 'Alice', date: '2026-08-31' });
    for (const heading of [
      '## Context',
      '## Goals and non-goals',
      '## Options with trade-offs',
      '## Decision',
      '## Rollout and observability',
      '## Open questions',
    ]) {
      expect(md).toContain(heading);
    }
    expect(md).toContain('_Author: Alice · Drafted 2026-08-31');
  });
});
