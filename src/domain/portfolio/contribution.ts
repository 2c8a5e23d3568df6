import { DomainError } from '../errors.ts';

/** What the monthly contribution ritual asks about (docs/product/rituals.md). */
export const CONTRIBUTION_KINDS = ['feature', 'bug_fix', 'hotfix_with_tests', 'other'] as const;
export type ContributionKind = (typeof CONTRIBUTION_KINDS)[number];

export const CONTRIBUTION_KIND_LABELS: Readonly<Record<ContributionKind, string>> = {
  feature: 'Feature',
  bug_fix: 'Bug fix',
  hotfix_with_tests: 'Hotfix with tests',
  other: 'Other',
};

export interface Contribution {
  kind: ContributionKind;
  title: string;
  link: string | null;
  impact: string;
}

export const CONTRIBUTION_LIMITS = { title: 150, link: 500, impact: 500 } as const;

/** Validates the contribution modal; errors name the field so the modal shows them in place. */
export function validateContribution(input: {
  kind?: string;
  title?: string;
  link?: string;
  impact?: string;
}): Contribution {
  const kind = input.kind ?? '';
  if (!(CONTRIBUTION_KINDS as readonly string[]).includes(kind)) {
    throw new DomainError('contribution_invalid', 'Pick what kind of contribution this was.', 'kind');
  }
  const title = (input.title ?? '').trim();
  if (title === '')
    throw new DomainError('contribution_invalid', 'Give your contribution a short title.', 'title');
  if (title.length > CONTRIBUTION_LIMITS.title) {
    throw new DomainError(
      'contribution_invalid',
      `Keep the title under ${CONTRIBUTION_LIMITS.title} characters.`,
      'title',
    );
  }
  const link = (input.link ?? '').trim();
  if (link !== '' && (!/^https?:\/\/\S+$/i.test(link) || link.length > CONTRIBUTION_LIMITS.link)) {
    throw new DomainError(
      'contribution_invalid',
      'The link must be a web address starting with https://',
      'link',
    );
  }
  const impact = (input.impact ?? '').trim();
  if (impact === '') {
    throw new DomainError(
      'contribution_invalid',
      'Say in a sentence or two what changed because of it.',
      'impact',
    );
  }
  if (impact.length > CONTRIBUTION_LIMITS.impact) {
    throw new DomainError(
      'contribution_invalid',
      `Keep the impact under ${CONTRIBUTION_LIMITS.impact} characters.`,
      'impact',
    );
  }
  return { kind: kind as ContributionKind, title, link: link === '' ? null : link, impact };
}
