import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { createMetrics } from '../../src/ops/metrics.ts';

/**
 * The monitoring files under ops/ and docker-compose.yml, checked against the app: every metric the
 * alert rules and the Grafana dashboard query is one the app exports, and the compose wiring
 * (ports, provisioning, OPS_PORT, the Postgres password) holds together. promtool's own checks run
 * in tests/integration/promtool.test.ts when it is installed.
 */
const file = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');

interface AlertRule {
  alert: string;
  expr: string;
}
const alertRules = (
  parse(file('ops/alerts.yml')) as { groups: Array<{ rules: AlertRule[] }> }
).groups.flatMap((g) => g.rules);

interface Panel {
  type: string;
  title: string;
  datasource?: { uid?: string };
  targets?: Array<{ expr: string; datasource?: { uid?: string } }>;
}
const dashboard = JSON.parse(file('ops/grafana/dashboards/careerplan.json')) as {
  uid: string;
  panels: Panel[];
};
const queryPanels = dashboard.panels.filter((p) => p.type !== 'row');

/** PromQL words that are not metric names: functions, aggregations, operators, modifiers. */
const NOT_METRICS = new Set(['and', 'or', 'unless', 'bool', 'offset', 'inf', 'nan']);

/** The metric names a PromQL expression reads. */
function metricNames(expr: string): string[] {
  const stripped = expr
    .replace(/"(?:[^"\\]|\\.)*"/g, '""') // label values
    .replace(/\{[^}]*\}/g, ' ') // label matchers
    .replace(/\[[^\]]*\]/g, ' ') // range selectors
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ') // label lists
    .replace(/\$\w+/g, ' ') // Grafana variables
    .replace(/(?<![\w:])\d+(\.\d+)?(e[+-]?\d+)?/gi, ' '); // numbers
  const names: string[] = [];
  for (const match of stripped.matchAll(/([a-zA-Z_:][a-zA-Z0-9_:]*)(\s*\()?/g)) {
    const [, name = '', call] = match;
    if (call === undefined && !NOT_METRICS.has(name.toLowerCase())) names.push(name);
  }
  return names;
}

async function exportedNames(): Promise<Set<string>> {
  const metrics = await createMetrics().registry.getMetricsAsJSON();
  const names = new Set<string>(['up']); // Prometheus adds `up` to every target
  for (const m of metrics) {
    names.add(m.name);
    if (String(m.type) === 'histogram')
      for (const suffix of ['_bucket', '_sum', '_count']) names.add(m.name + suffix);
  }
  return names;
}

describe('metric names in ops/alerts.yml and the Grafana dashboard', () => {
  it('finds metric names in PromQL and skips functions, labels and numbers', () => {
    expect(
      metricNames(
        'histogram_quantile(0.99, sum by (le, kind) (rate(a_bucket{kind=~"x|y"}[5m]))) > 3 and on (job) b_total * 60 / clamp_min(c, 1e-9)',
      ),
    ).toEqual(['a_bucket', 'b_total', 'c']);
  });

  it('every alert rule queries only metrics the app exports', async () => {
    const exported = await exportedNames();
    expect(alertRules.map((r) => r.alert).sort()).toEqual([
      'CareerplanDown',
      'CareerplanJobFailingRepeatedly',
      'CareerplanQueueBacklog',
      'CareerplanReminderFailureRatio',
      'CareerplanReminderLateness',
      'CareerplanSlack429Storm',
    ]);
    for (const rule of alertRules) {
      const names = metricNames(rule.expr);
      expect(names.length, rule.alert).toBeGreaterThan(0);
      for (const name of names) expect(exported.has(name), `${rule.alert}: ${name}`).toBe(true);
    }
  });

  it('every dashboard query reads only metrics the app exports, through the provisioned datasource', async () => {
    const exported = await exportedNames();
    const datasource = parse(file('ops/grafana/provisioning/datasources/prometheus.yml')) as {
      datasources: Array<{ uid: string; url: string }>;
    };
    const uid = datasource.datasources[0]?.uid;
    expect(datasource.datasources[0]?.url).toBe('http://prometheus:9090');
    for (const panel of queryPanels) {
      expect(panel.datasource?.uid, panel.title).toBe(uid);
      expect(panel.targets?.length, panel.title).toBeGreaterThan(0);
      for (const target of panel.targets ?? []) {
        expect(target.datasource?.uid).toBe(uid);
        for (const name of metricNames(target.expr))
          expect(exported.has(name), `${panel.title}: ${name}`).toBe(true);
      }
    }
  });

  it('the dashboard has the panels operators asked for', () => {
    const titles = queryPanels.map((p) => p.title.toLowerCase());
    for (const wanted of [
      "latency vs slack's 3 s",
      'reminders sent, skipped and failed by ritual',
      'lateness p99',
      'slack api calls by method and outcome',
      '429',
      'queue depth',
      'queue delay',
      'job failures',
      'postgres pool',
      'process memory',
      'event-loop lag',
    ])
      expect(
        titles.some((t) => t.includes(wanted)),
        wanted,
      ).toBe(true);
  });
});

interface ComposeService {
  ports?: string[];
  environment?: Record<string, string>;
  volumes?: string[];
  image?: string;
}
const compose = parse(file('docker-compose.yml')) as { services: Record<string, ComposeService> };
const prometheus = parse(file('ops/prometheus.yml')) as {
  rule_files: string[];
  scrape_configs: Array<{ job_name: string; dns_sd_configs: Array<{ names: string[]; port: number }> }>;
};

describe('docker-compose.yml and ops/prometheus.yml', () => {
  it('publishes every port on 127.0.0.1 only', () => {
    for (const [name, service] of Object.entries(compose.services))
      for (const port of service.ports ?? []) expect(port, name).toMatch(/^127\.0\.0\.1:/);
  });

  it('scrapes both roles on the OPS_PORT they listen on, and loads the alert rules', () => {
    const [job] = prometheus.scrape_configs;
    expect(job?.job_name).toBe('careerplan');
    const targets = job?.dns_sd_configs.flatMap((c) => c.names.map((n) => `${n}:${c.port}`));
    expect(targets).toEqual([
      `app:${compose.services.app?.environment?.OPS_PORT}`,
      `worker:${compose.services.worker?.environment?.OPS_PORT}`,
    ]);
    expect(prometheus.rule_files).toEqual(['alerts.yml']);
    expect(compose.services.prometheus?.volumes).toContain('./ops/alerts.yml:/etc/prometheus/alerts.yml:ro');
  });

  it('runs Grafana anonymous and read-only, with the datasource and dashboard provisioned', () => {
    const grafana = compose.services.grafana;
    expect(grafana?.environment).toMatchObject({
      GF_AUTH_ANONYMOUS_ENABLED: 'true',
      GF_AUTH_ANONYMOUS_ORG_ROLE: 'Viewer',
    });
    expect(grafana?.volumes).toEqual(
      expect.arrayContaining([
        './ops/grafana/provisioning:/etc/grafana/provisioning:ro',
        './ops/grafana/dashboards:/var/lib/grafana/dashboards:ro',
      ]),
    );
    const provider = parse(file('ops/grafana/provisioning/dashboards/careerplan.yml')) as {
      providers: Array<{ options: { path: string } }>;
    };
    expect(provider.providers[0]?.options.path).toBe('/var/lib/grafana/dashboards');
  });

  it('.env.example reaches the compose Postgres with its password', () => {
    const env = Object.fromEntries(
      file('.env.example')
        .split('\n')
        .filter((l) => /^[A-Z_]+=/.test(l))
        .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
    );
    const composePassword = /POSTGRES_PASSWORD:-([^}]+)\}/.exec(file('docker-compose.yml'))?.[1];
    const url = new URL(env.DATABASE_URL ?? '');
    expect(url.password).toBe(composePassword);
    expect(env.POSTGRES_PASSWORD).toBe(composePassword);
    expect(`${url.hostname}:${url.port}`).toBe('127.0.0.1:5432');
    expect(compose.services.postgres?.ports).toContain(`127.0.0.1:${url.port}:5432`);
  });
});
