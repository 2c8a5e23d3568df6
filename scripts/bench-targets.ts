/**
 * Targets a benchmark checks, and the last line it prints: one JSON object with its figures and
 * which targets were met, so CI and people read the same verdict. A missed target (or a failed
 * correctness check) sets the exit code to 1.
 */
import { loadavg } from 'node:os';
import { out } from './bench-support.ts';

export interface Target {
  name: string;
  /** What must hold, for people: "≥ 95%", "= 0". */
  want: string;
  value: number | null;
  met: boolean;
}

export function atLeast(name: string, value: number | null | undefined, min: number, unit = ''): Target {
  const v = value ?? null;
  return { name, want: `≥ ${min}${unit}`, value: v, met: v !== null && Number.isFinite(v) && v >= min };
}

export function atMost(name: string, value: number | null | undefined, max: number, unit = ''): Target {
  const v = value ?? null;
  return { name, want: `≤ ${max}${unit}`, value: v, met: v !== null && Number.isFinite(v) && v <= max };
}

export function exactly(name: string, value: number, want: number): Target {
  return { name, want: `= ${want}`, value, met: value === want };
}

/** The machine's 1/5/15-minute load, printed next to every figure (the machine is shared). */
export function load(): number[] {
  return loadavg().map((l) => Number(l.toFixed(2)));
}

/**
 * Prints each target as met / NOT met, then the JSON line (always last), and sets the exit code.
 */
export function verdict(bench: string, figures: Record<string, unknown>, targets: readonly Target[]): void {
  out();
  out('targets:');
  for (const t of targets) {
    const value = t.value === null ? '-' : String(Number(t.value.toFixed(3)));
    out(`  ${t.met ? 'met    ' : 'NOT met'}  ${t.name} ${t.want} (got ${value})`);
  }
  const pass = targets.every((t) => t.met);
  if (!pass) process.exitCode = 1;
  out(
    JSON.stringify({
      bench,
      ...figures,
      targets: Object.fromEntries(targets.map((t) => [t.name, { want: t.want, value: t.value, met: t.met }])),
      pass,
    }),
  );
}
