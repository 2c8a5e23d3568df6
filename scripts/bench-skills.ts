/**
 * `npm run bench:skills [-- --members N] [--skills S] [--months M] [--samples K]`: the per-member
 * skills view on Postgres after years of history. Seeds one workspace with N members (default
 * 500), a catalogue of S skills (default 30) and M monthly assessments of every skill per member
 * (default 36: three years), then times, in random member order:
 *   - the history query (each skill's latest and previous rating: the view's query), and
 *   - the whole view the App Home and the forms read (catalogue, history, sprint, action plans).
 * Prints p50/p95/p99/max of each and exits non-zero if the view's p95 exceeds 20 ms. Uses a
 * throwaway database, dropped at the end.
 */
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { createDb } from '../src/db/database.ts';
import { fixedClock } from '../src/domain/clock.ts';
import { createSkillServices } from '../src/domain/skills/index.ts';
import { createDatabase, dropDatabase, out, runBenchmark } from './bench-support.ts';

const TARGET_P95_MS = 20;
const TEAM = 'T0BENCH';

const { values: args } = parseArgs({
  options: {
    members: { type: 'string', default: '500' },
    skills: { type: 'string', default: '30' },
    months: { type: 'string', default: '36' },
    samples: { type: 'string', default: '1000' },
  },
});
const MEMBERS = Number(args.members);
const SKILLS = Number(args.skills);
const MONTHS = Number(args.months);
const SAMPLES = Number(args.samples);

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

function summary(label: string, timings: number[]): number {
  const sorted = [...timings].sort((a, b) => a - b);
  const p95 = percentile(sorted, 95);
  const f = (n: number) => n.toFixed(2);
  out(
    `${label.padEnd(14)} p50 ${f(percentile(sorted, 50))} ms  p95 ${f(p95)} ms  p99 ${f(percentile(sorted, 99))} ms  max ${f(sorted.at(-1) ?? 0)} ms  (${sorted.length} samples)`,
  );
  return p95;
}

runBenchmark(async () => {
  const database = await createDatabase();
  // The app's default pool size (DATABASE_POOL_SIZE).
  const { db } = createDb(database.url, 20);
  try {
    const started = performance.now();
    const services = createSkillServices(db, fixedClock(new Date('2026-12-01T12:00:00Z')));
    await db.insertInto('workspaces').values({ team_id: TEAM }).execute();
    await sql`INSERT INTO members (team_id, user_id, tz)
              SELECT ${TEAM}, 'U' || lpad(m::text, 6, '0'), 'Europe/Berlin' FROM generate_series(1, ${MEMBERS}) m`.execute(
      db,
    );
    const catalog = await services.skills.catalog(TEAM);
    const domain = catalog.domains[0]?.id ?? '';
    for (let i = catalog.skills.length; i < SKILLS; i++)
      await services.store.catalog.addSkill(TEAM, domain, `Extra skill ${i + 1}`);
    // Monthly assessments over the last M months, each rating every skill.
    await sql`INSERT INTO skill_assessments (team_id, user_id, source, assessed_at)
              SELECT ${TEAM}, 'U' || lpad(m::text, 6, '0'), 'self',
                     timestamptz '2026-11-15 09:00Z' - make_interval(months => k) + make_interval(secs => m)
                FROM generate_series(1, ${MEMBERS}) m, generate_series(0, ${MONTHS - 1}) k`.execute(db);
    await sql`INSERT INTO skill_ratings (assessment_id, team_id, user_id, skill_id, level, target, assessed_at)
              SELECT a.id, a.team_id, a.user_id, s.id,
                     1 + abs(hashtext(a.id::text || ':' || s.id::text)) % 5,
                     least(5, 1 + abs(hashtext(a.id::text || ':' || s.id::text)) % 5 + abs(hashtext(s.id::text || a.user_id)) % 3),
                     a.assessed_at
                FROM skill_assessments a JOIN skills s ON s.team_id = a.team_id
               WHERE a.team_id = ${TEAM}`.execute(db);
    await sql`ANALYZE`.execute(db);
    const counts = await sql<{ ratings: number; assessments: number }>`
      SELECT (SELECT count(*)::int FROM skill_ratings) AS ratings, (SELECT count(*)::int FROM skill_assessments) AS assessments`.execute(
      db,
    );
    out(
      `seeded ${MEMBERS} members × ${SKILLS} skills × ${MONTHS} months: ${counts.rows[0]?.assessments} assessments, ${counts.rows[0]?.ratings} ratings in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );

    const users = Array.from({ length: MEMBERS }, (_, i) => `U${String(i + 1).padStart(6, '0')}`);
    const pick = () => users[Math.floor(Math.random() * users.length)] as string;
    // Warm the pool and the caches the way a running app is warm.
    for (let i = 0; i < 50; i++)
      await services.skills.profile({ teamId: TEAM, userId: pick(), tz: 'Europe/Berlin' });

    const historyTimes: number[] = [];
    const viewTimes: number[] = [];
    for (let i = 0; i < SAMPLES; i++) {
      const userId = pick();
      let t = performance.now();
      const history = await services.store.assessments.history(TEAM, userId);
      historyTimes.push(performance.now() - t);
      if (history.size !== SKILLS)
        throw new Error(`expected ${SKILLS} skills of history, got ${history.size}`);
      t = performance.now();
      await services.skills.profile({ teamId: TEAM, userId, tz: 'Europe/Berlin' });
      viewTimes.push(performance.now() - t);
    }
    summary('history query', historyTimes);
    const p95 = summary('member view', viewTimes);
    if (p95 > TARGET_P95_MS) {
      out(`FAIL: member view p95 ${p95.toFixed(2)} ms is over the ${TARGET_P95_MS} ms target`);
      process.exitCode = 1;
    } else {
      out(`ok: member view p95 ${p95.toFixed(2)} ms ≤ ${TARGET_P95_MS} ms`);
    }
  } finally {
    await db.destroy();
    await dropDatabase(database.name).catch((e: unknown) =>
      process.stderr.write(`dropping database: ${String(e)}\n`),
    );
  }
});
