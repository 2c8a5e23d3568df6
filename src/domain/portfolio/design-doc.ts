/**
 * The starter design document (docs/product/exports.md): the sections a reviewer expects, each
 * with a prompt to replace. Writing one and linking it as a "design doc" artifact is evidence for
 * several readiness items, which is why it ships with the portfolio. Pure.
 */
export function renderDesignDocTemplate(input: { author: string; date: string }): string {
  const author = input.author.replace(/\s*[\r\n]+\s*/g, ' ').trim();
  return `# Design: <short name of the change>

_Author: ${author} · Drafted ${input.date} · Status: draft_
_Reviewers: <who must agree> · Decision by: <date>_

## Context

What exists today, what problem people hit, and why it matters now. Link the incident, the
ticket or the numbers that show it. Keep it to what a reviewer new to the area needs.

## Goals and non-goals

**Goals**

- <what must be true when this ships, measurable where possible>

**Non-goals**

- <what this deliberately does not do, so nobody reviews it for that>

## Options with trade-offs

### Option A: <name>

How it works in a few sentences. Cost, risk, what it makes easier or harder later.

### Option B: <name>

| | Option A | Option B |
| --- | --- | --- |
| Effort | | |
| Risk | | |
| Operability | | |
| Reversibility | | |

## Decision

The option chosen and the reason, in one paragraph. Name what would make us revisit it.

## Rollout and observability

- Rollout: flags, stages, migration and back-out plan.
- Signals that show it works: dashboards, SLOs, alerts (link them once they exist).
- Who is on call for it, and what the runbook says.

## Open questions

- [ ] <question> — owner, due date
`;
}
