import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { withTimeout } from './timeout.ts';

/** A point-in-time reading taken when Prometheus scrapes (queue depths, pool sizes). */
export type GaugeReader = () => Promise<Array<{ labels: Record<string, string>; value: number }>>;

/**
 * How long one reader may take at scrape time. A reader whose system is down (Redis during an
 * outage) would otherwise hold the whole scrape, and every metric would vanish exactly when it is
 * needed; a late or failing reader is skipped and `careerplan_metrics_collector_up` says so.
 */
export const COLLECT_TIMEOUT_MS = 1000;

/**
 * Every metric careerplan exposes, on its own Registry (so tests can build several apps in one
 * process). Gauges that describe external state are read in `collect()` at scrape time rather than
 * kept up to date by hand.
 */
export function createMetrics(options: { collectTimeoutMs?: number } = {}) {
  const collectTimeoutMs = options.collectTimeoutMs ?? COLLECT_TIMEOUT_MS;
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });

  const queueDepthReaders: GaugeReader[] = [];
  const poolReaders: GaugeReader[] = [];

  const metrics = {
    registry,
    /** Slack listener latency from receipt to completion, by surface kind and listener name. */
    listenerDuration: new Histogram({
      name: 'careerplan_listener_duration_seconds',
      help: 'Time spent handling a Slack request, by kind (command, action, view, event, options) and name',
      labelNames: ['kind', 'name', 'outcome'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5],
      registers: [registry],
    }),
    /** Outcome is ok, error, ratelimited, server_error or network_error. */
    slackApiCalls: new Counter({
      name: 'careerplan_slack_api_calls_total',
      help: 'Slack Web API calls by method and outcome (ratelimited = HTTP 429)',
      labelNames: ['method', 'outcome'] as const,
      registers: [registry],
    }),
    jobs: new Counter({
      name: 'careerplan_jobs_total',
      help: 'Background jobs finished, by queue, job name and outcome (done, failed, retrying)',
      labelNames: ['queue', 'name', 'outcome'] as const,
      registers: [registry],
    }),
    jobDuration: new Histogram({
      name: 'careerplan_job_duration_seconds',
      help: 'Time a job handler ran, by queue and job name',
      labelNames: ['queue', 'name'] as const,
      buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 15, 60],
      registers: [registry],
    }),
    deliveries: new Counter({
      name: 'careerplan_deliveries_total',
      help: 'Reminder and ritual deliveries by ritual and outcome (sent, skipped, failed)',
      labelNames: ['ritual', 'outcome'] as const,
      registers: [registry],
    }),
    deliveryLateness: new Histogram({
      name: 'careerplan_delivery_lateness_seconds',
      help: 'Seconds between a delivery being due and Slack accepting it',
      labelNames: ['ritual'] as const,
      buckets: [0.1, 0.5, 1, 2, 5, 10, 30, 60, 300, 900],
      registers: [registry],
    }),
    /** Register a reader for queue depth; called by the jobs layer once its queues exist. */
    addQueueDepthReader(reader: GaugeReader): void {
      queueDepthReaders.push(reader);
    },
    addPoolReader(reader: GaugeReader): void {
      poolReaders.push(reader);
    },
  };

  // Scrapes collect every metric concurrently: the readers' outcomes of this scrape are kept
  // here, and the collector_up gauge (registered last, so its collect starts last) awaits them.
  const outcomes = new Map<string, Promise<boolean>>();
  const collectorUp = new Gauge({
    name: 'careerplan_metrics_collector_up',
    help: 'Whether a scrape-time reader answered in time (1) or was skipped (0), by collector',
    labelNames: ['collector'] as const,
    registers: [],
    async collect() {
      for (const [collector, answered] of outcomes) this.set({ collector }, (await answered) ? 1 : 0);
    },
  });
  /** Readings of every reader that answers in time; the others are skipped and marked down. */
  const readAll = async (collector: string, readers: readonly GaugeReader[]) => {
    const settled = Promise.allSettled(
      readers.map((read) => withTimeout(read(), collectTimeoutMs, `${collector} reader`)),
    );
    outcomes.set(
      collector,
      settled.then((results) => results.every((r) => r.status === 'fulfilled')),
    );
    return (await settled).flatMap((r) => (r.status === 'fulfilled' ? r.value : []));
  };

  new Gauge({
    name: 'careerplan_queue_jobs',
    help: 'Jobs in each BullMQ queue by state (waiting, delayed, active, failed), read at scrape time',
    labelNames: ['queue', 'state'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const { labels, value } of await readAll('queue', queueDepthReaders)) this.set(labels, value);
    },
  });
  new Gauge({
    name: 'careerplan_pg_pool_clients',
    help: 'Postgres pool clients by state (total, idle, waiting), read at scrape time',
    labelNames: ['state'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const { labels, value } of await readAll('pg_pool', poolReaders)) this.set(labels, value);
    },
  });
  // Registered after the gauges whose readers it reports on (see `outcomes`).
  registry.registerMetric(collectorUp);

  return metrics;
}

export type Metrics = ReturnType<typeof createMetrics>;
