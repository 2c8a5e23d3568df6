import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../src/domain/errors.ts';
import {
  ARTIFACT_KINDS,
  artifactKindEventKey,
  artifactSourceKey,
  groupByQuarter,
  kindLabel,
  kindsForEdit,
  parseEvidenceTarget,
  quarterOfDay,
  validateArtifact,
} from '../../../src/domain/portfolio/artifact.ts';
import { CAREER_QUICK_START } from '../../../src/domain/quick-start/quick-start.ts';

const rules = { today: '2026-08-31', allowedKinds: ARTIFACT_KINDS };
const good = {
  kind: 'talk',
  title: '  Retries   without storms ',
  link: 'https://example.com/t',
  impact: 'Three teams adopted it.',
  occurredOn: '2026-08-31',
  evidenceFor: '',
};

function fieldOf(work: () => unknown): string | undefined {
  try {
    work();
  } catch (error) {
    if (error instanceof DomainError) return error.field;
    throw error;
  }
  throw new Error('expected a DomainError');
}

describe('portfolio artifacts', () => {
  it('accepts a valid form, trimming the title and reading the evidence target', () => {
    expect(validateArtifact({ ...good, evidenceFor: 'milestone:12' }, rules)).toEqual({
      kind: 'talk',
      title: 'Retries without storms',
      link: 'https://example.com/t',
      impact: 'Three teams adopted it.',
      occurredOn: '2026-08-31',
      evidenceFor: { type: 'milestone', id: '12' },
    });
    expect(validateArtifact({ ...good, link: ' ' }, rules).link).toBeNull();
  });

  it.each([
    [{ kind: 'feature' }, 'kind'],
    [{ kind: '' }, 'kind'],
    [{ title: ' ' }, 'title'],
    [{ title: 'x'.repeat(151) }, 'title'],
    [{ link: 'javascript:alert(1)' }, 'link'],
    [{ link: `https://x.io/${'a'.repeat(500)}` }, 'link'],
    [{ impact: '' }, 'impact'],
    [{ impact: 'x'.repeat(501) }, 'impact'],
    [{ occurredOn: '2026-02-30' }, 'occurredOn'],
    [{ occurredOn: '2026-09-01' }, 'occurredOn'],
    [{ occurredOn: '1989-12-31' }, 'occurredOn'],
    [{ evidenceFor: 'objective:3' }, 'evidenceFor'],
    [{ evidenceFor: 'milestone:0' }, 'evidenceFor'],
  ])('refuses %j beside its field', (change, field) => {
    expect(fieldOf(() => validateArtifact({ ...good, ...change }, rules))).toBe(field);
  });

  it("an edited contribution keeps its own kind; new artifacts use the portfolio's kinds", () => {
    expect(kindsForEdit('bug_fix')).toEqual(['bug_fix', ...ARTIFACT_KINDS]);
    expect(kindsForEdit('talk')).toEqual([...ARTIFACT_KINDS]);
    expect(
      validateArtifact({ ...good, kind: 'bug_fix' }, { ...rules, allowedKinds: kindsForEdit('bug_fix') })
        .kind,
    ).toBe('bug_fix');
    expect(kindLabel('hotfix_with_tests')).toBe('Hotfix with tests');
    expect(kindLabel('open_source')).toBe('Open-source contribution');
  });

  it('every quick-start artifact kind is one members can add', () => {
    const artifactKinds = CAREER_QUICK_START.flatMap((i) => i.ticksOn).filter((k) =>
      k.startsWith('artifact.'),
    );
    expect(artifactKinds.length).toBeGreaterThan(0);
    for (const kind of artifactKinds) expect(ARTIFACT_KINDS).toContain(kind.slice('artifact.'.length));
  });

  it('source keys: contributions keep theirs, other artifacts are artifact:<id>, kind events hang off them', () => {
    expect(artifactSourceKey({ id: '7', source: 'contribution' })).toBe('contribution:7');
    expect(artifactSourceKey({ id: '7', source: 'manual' })).toBe('artifact:7');
    expect(artifactKindEventKey({ id: '7', source: 'message' })).toBe('artifact:7#artifact');
    expect(artifactKindEventKey({ id: '7', source: 'contribution' })).toBe('contribution:7#artifact');
    expect(parseEvidenceTarget('')).toBeNull();
  });

  it('groups by calendar quarter of the local date, newest first', () => {
    expect(quarterOfDay('2026-03-31')).toBe('2026-Q1');
    expect(quarterOfDay('2026-10-01')).toBe('2026-Q4');
    const groups = groupByQuarter([
      { id: '1', occurredOn: '2026-04-02' },
      { id: '3', occurredOn: '2026-08-01' },
      { id: '2', occurredOn: '2026-08-01' },
      { id: '4', occurredOn: '2025-12-31' },
    ]);
    expect(groups.map((g) => [g.quarter, g.artifacts.map((a) => a.id)])).toEqual([
      ['2026-Q3', ['3', '2']],
      ['2026-Q2', ['1']],
      ['2025-Q4', ['4']],
    ]);
  });
});
