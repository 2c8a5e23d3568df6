import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../src/domain/errors.ts';
import {
  checkInKeyResult,
  checkKeyResultAllowed,
  checkObjectiveAllowed,
  type KeyResult,
  objectiveProgress,
  PROGRESS_ARGS_MESSAGE,
  parseNumber,
  parseProgressArgs,
  progressBar,
  progressOf,
  THIRD_OBJECTIVE_WARNING,
  validateKeyResult,
} from '../../../src/domain/plans/index.ts';

const value = fc.double({ min: -1e6, max: 1e6, noNaN: true });
const metric = (start: number, target: number, current: number): KeyResult => ({
  kind: 'metric',
  start,
  target,
  current,
  unit: '',
});

function domainError(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
}

describe('progressOf', () => {
  it('handles increasing and decreasing metrics', () => {
    expect(progressOf(metric(0, 10, 5))).toBe(0.5);
    expect(progressOf(metric(800, 200, 500))).toBe(0.5);
    expect(progressOf(metric(800, 200, 100))).toBe(1);
    expect(progressOf(metric(800, 200, 900))).toBe(0);
    expect(progressOf({ kind: 'percent', current: 40 })).toBe(0.4);
    expect(progressOf({ kind: 'percent', current: 140 })).toBe(1);
  });

  it('always lies within [0, 1]', () => {
    fc.assert(
      fc.property(value, value, value, (s, t, c) => {
        const p = progressOf(metric(s, t, c));
        expect(p).toBeGreaterThanOrEqual(0);
        expect(p).toBeLessThanOrEqual(1);
      }),
    );
    fc.assert(
      fc.property(fc.double({ noNaN: true }), (c) => {
        const p = progressOf({ kind: 'percent', current: c });
        expect(p >= 0 && p <= 1).toBe(true);
      }),
    );
  });

  it('is 0 at the start and 1 at the target', () => {
    fc.assert(
      fc.property(value, value, (s, t) => {
        fc.pre(s !== t);
        expect(progressOf(metric(s, t, s))).toBe(0);
        expect(progressOf(metric(s, t, t))).toBe(1);
      }),
    );
  });

  it('clamps to 1 beyond the target and to 0 before the start, in both directions', () => {
    fc.assert(
      fc.property(value, value, fc.double({ min: 0, max: 1e6, noNaN: true }), (s, t, extra) => {
        fc.pre(s !== t);
        const dir = Math.sign(t - s);
        expect(progressOf(metric(s, t, t + dir * extra))).toBe(1);
        expect(progressOf(metric(s, t, s - dir * extra))).toBe(0);
      }),
    );
  });

  it('treats a decreasing metric as the mirror of an increasing one', () => {
    fc.assert(
      fc.property(value, value, value, (s, t, c) => {
        fc.pre(s !== t);
        expect(progressOf(metric(-s, -t, -c))).toBeCloseTo(progressOf(metric(s, t, c)), 9);
        // Swapping start and target turns progress p into 1 − p.
        expect(progressOf(metric(t, s, c))).toBeCloseTo(1 - progressOf(metric(s, t, c)), 9);
      }),
    );
  });

  it('is monotone in current towards the target', () => {
    fc.assert(
      fc.property(value, value, value, value, (s, t, a, b) => {
        fc.pre(s !== t);
        const [nearer, further] = Math.sign(b - a) * Math.sign(t - s) >= 0 ? [b, a] : [a, b];
        expect(progressOf(metric(s, t, nearer))).toBeGreaterThanOrEqual(progressOf(metric(s, t, further)));
      }),
    );
  });
});

describe('objectiveProgress and progressBar', () => {
  it('averages key results, 0 when there are none', () => {
    expect(objectiveProgress([])).toBe(0);
    expect(objectiveProgress([{ kind: 'percent', current: 100 }, metric(800, 200, 800)])).toBe(0.5);
  });

  it('draws bars', () => {
    expect(progressBar(0.5)).toBe('▓▓▓▓▓░░░░░ 50%');
    expect(progressBar(0)).toBe('░░░░░░░░░░ 0%');
    expect(progressBar(1)).toBe('▓▓▓▓▓▓▓▓▓▓ 100%');
    expect(progressBar(0.96)).toBe('▓▓▓▓▓▓▓▓▓░ 96%');
    expect(progressBar(2)).toBe('▓▓▓▓▓▓▓▓▓▓ 100%');
    expect(progressBar(0.25, 4)).toBe('▓░░░ 25%');
  });

  it('always draws exactly `width` cells', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true }), fc.integer({ min: 1, max: 40 }), (f, w) => {
        const [bar] = progressBar(f, w).split(' ');
        expect(bar).toHaveLength(w);
      }),
    );
  });
});

describe('guardrails', () => {
  it('allows two objectives, asks to confirm a third, refuses a fourth', () => {
    expect(checkObjectiveAllowed(0, false)).toBe('ok');
    expect(checkObjectiveAllowed(1, false)).toBe('ok');
    expect(checkObjectiveAllowed(2, false)).toBe('needs_confirmation');
    expect(checkObjectiveAllowed(2, true)).toBe('ok');
    expect(THIRD_OBJECTIVE_WARNING).toMatch(/recommend at most 2/);
    const err = domainError(() => checkObjectiveAllowed(3, true));
    expect(err.code).toBe('okr_objective_limit');
    expect(err.message).toMatch(/Finish or drop one/);
  });

  it('notes a 4th and 5th key result and refuses a 6th', () => {
    expect(checkKeyResultAllowed(0)).toBe('ok');
    expect(checkKeyResultAllowed(2)).toBe('ok');
    expect(checkKeyResultAllowed(3)).toBe('above_recommended');
    expect(checkKeyResultAllowed(4)).toBe('above_recommended');
    const err = domainError(() => checkKeyResultAllowed(5));
    expect(err.code).toBe('okr_kr_limit');
    expect(err.message).toMatch(/5 key results/);
  });
});

describe('validateKeyResult', () => {
  const base = { title: 'Cut p95 latency', kind: 'metric', start: '800', target: '200', unit: 'ms' };

  it('accepts metrics (current defaults to start) and percentages', () => {
    expect(validateKeyResult(base)).toEqual({ ...base, start: 800, target: 200, current: 800 });
    expect(validateKeyResult({ ...base, current: '1,000.5' })).toMatchObject({ current: 1000.5 });
    expect(validateKeyResult({ title: ' Docs ', kind: 'percent', current: '30%' })).toEqual({
      title: 'Docs',
      kind: 'percent',
      current: 30,
    });
    expect(validateKeyResult({ title: 'Docs', kind: 'percent' })).toMatchObject({ current: 0 });
  });

  it.each([
    [{ ...base, start: 'eight hundred' }, 'start'],
    [{ ...base, target: '' }, 'target'],
    [{ ...base, current: '12abc' }, 'current'],
    [{ ...base, target: '800.0' }, 'target'],
    [{ ...base, unit: 'x'.repeat(21) }, 'unit'],
    [{ ...base, title: '   ' }, 'title'],
    [{ ...base, title: 't'.repeat(151) }, 'title'],
    [{ ...base, kind: 'vibes' }, 'kind'],
    [{ title: 'Docs', kind: 'percent', current: '101' }, 'current'],
    [{ title: 'Docs', kind: 'percent', current: '-1' }, 'current'],
  ])('rejects %j on field %s', (input, field) => {
    const err = domainError(() => validateKeyResult(input));
    expect(err.code).toBe('okr_kr_invalid');
    expect(err.field).toBe(field);
  });

  it('records check-ins, bounding percentages', () => {
    expect(checkInKeyResult(metric(800, 200, 800), 500).current).toBe(500);
    expect(domainError(() => checkInKeyResult({ kind: 'percent', current: 0 }, 120)).field).toBe('value');
  });
});

describe('parseNumber and parseProgressArgs', () => {
  it.each([
    ['60', 60],
    ['60%', 60],
    ['1.5', 1.5],
    ['-3', -3],
    ['.5', 0.5],
    ['1,200', 1200],
    ['abc', null],
    ['', null],
    ['1,2', null],
    ['6O', null],
    ['Infinity', null],
  ])('parseNumber(%j) = %j', (text, expected) => {
    expect(parseNumber(text)).toBe(expected);
  });

  it.each([
    [['2', '60'], { krNumber: 2, value: 60 }],
    [['2', '60%'], { krNumber: 2, value: 60 }],
    [['#3', '1.5'], { krNumber: 3, value: 1.5 }],
    [['kr1', '-12'], { krNumber: 1, value: -12 }],
    [['', '4', ' 7 '], { krNumber: 4, value: 7 }],
  ])('parses %j', (args, expected) => {
    expect(parseProgressArgs(args)).toEqual(expected);
  });

  it.each([
    [[]],
    [['2']],
    [['two', '60']],
    [['0', '60']],
    [['2', 'sixty']],
    [['2', '60', 'extra']],
    [['-1', '5']],
  ])('rejects %j with a usable example', (args) => {
    const err = domainError(() => parseProgressArgs(args));
    expect(err.code).toBe('okr_progress_args');
    expect(err.message).toBe(PROGRESS_ARGS_MESSAGE);
    expect(err.message).toContain('`/careerplan okr progress 2 60`');
  });

  it('the example in the message parses', () => {
    const example = /`\/careerplan okr progress ([^`]+)`$/.exec(PROGRESS_ARGS_MESSAGE)?.[1] ?? '';
    expect(parseProgressArgs(example.split(' '))).toEqual({ krNumber: 2, value: 60 });
  });
});
