// Answered requests by method, route pattern and status: a counter and a latency histogram.
//
// Why not prom-client's Counter and Histogram here: these two are updated on every request,
// verify included, and prom-client's Histogram rebuilds the label hash and turns each bucket bound
// into a string key on every observation. Measured on verify at c=50 (bench/run.mjs --verify), the
// two cost about 4 µs a request, over 10 % of verify's CPU. Here an observation is a Map lookup
// and a few additions on arrays; prom-client still renders both metrics when Prometheus scrapes,
// from the metric objects below (the `get()` shape every prom-client metric has).
import type { Metric, Registry } from 'prom-client';

type Labels = { method: string; route: string; status: string };

interface Series {
  labels: Labels;
  count: number;
  sum: number;
  /** Observations per bucket, not cumulative; the last slot is above every bound (+Inf). */
  buckets: number[];
}

interface Rendered {
  value: number;
  labels: Record<string, string | number>;
  metricName?: string;
}

export class RequestMetrics {
  /** By `${method} ${route} ${status}`: route patterns and statuses are few, and Node's parser
   *  knows only a few dozen methods, so the map stays small. */
  private readonly series = new Map<string, Series>();

  constructor(
    registry: Registry,
    private readonly bounds: readonly number[],
  ) {
    this.register(registry, {
      name: 'keyward_http_requests_total',
      help: 'HTTP requests answered, by method, route pattern and status code',
      type: 'counter',
      values: () => [...this.series.values()].map((s) => ({ value: s.count, labels: s.labels })),
    });
    this.register(registry, {
      name: 'keyward_http_request_duration_seconds',
      help: 'Time from the request to its answer, by method, route pattern and status code',
      type: 'histogram',
      values: () => [...this.series.values()].flatMap((s) => this.histogramValues(s)),
    });
  }

  /** One answered request: `route` is the route pattern, never the raw URL. */
  observe(method: string, route: string, status: number, seconds: number): void {
    const key = `${method} ${route} ${status}`;
    let series = this.series.get(key);
    if (series === undefined) {
      series = {
        labels: { method, route, status: String(status) },
        count: 0,
        sum: 0,
        buckets: new Array<number>(this.bounds.length + 1).fill(0),
      };
      this.series.set(key, series);
    }
    series.count++;
    series.sum += seconds;
    let bucket = 0;
    while (bucket < this.bounds.length && seconds > this.bounds[bucket]!) bucket++;
    series.buckets[bucket]!++;
  }

  /** Prometheus' histogram samples: cumulative `_bucket`s up to `+Inf`, then `_sum` and `_count`. */
  private histogramValues(series: Series): Rendered[] {
    const name = 'keyward_http_request_duration_seconds';
    const values: Rendered[] = [];
    let cumulative = 0;
    this.bounds.forEach((bound, i) => {
      cumulative += series.buckets[i]!;
      values.push({
        value: cumulative,
        labels: { ...series.labels, le: bound },
        metricName: `${name}_bucket`,
      });
    });
    values.push(
      {
        value: series.count,
        labels: { ...series.labels, le: '+Inf' },
        metricName: `${name}_bucket`,
      },
      { value: series.sum, labels: series.labels, metricName: `${name}_sum` },
      { value: series.count, labels: series.labels, metricName: `${name}_count` },
    );
    return values;
  }

  private register(
    registry: Registry,
    metric: { name: string; help: string; type: 'counter' | 'histogram'; values: () => Rendered[] },
  ): void {
    const { name, help, type, values } = metric;
    const object = {
      name,
      help,
      type,
      aggregator: 'sum' as const,
      get: () =>
        Promise.resolve({ name, help, type, aggregator: 'sum' as const, values: values() }),
      reset: () => this.series.clear(),
    };
    // prom-client's types list only its own classes; its registry needs just these members.
    registry.registerMetric(object as unknown as Metric);
  }
}
