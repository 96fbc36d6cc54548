/** One sample of a Prometheus text exposition: `name{labels} value`. */
export interface MetricSample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** A scraped /metrics page: its content type and samples. */
export interface Scrape {
  contentType: string | null;
  samples: MetricSample[];
  /** The sum of the samples of `name` whose labels include `labels` (0 when none has them). */
  sum: (name: string, labels?: Record<string, string>) => number;
  /** The distinct values of `label` among the samples of `name`. */
  labelValues: (name: string, label: string) => string[];
}

const SAMPLE = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})?\s+(\S+)/;
const LABEL = /(\w+)="((?:[^"\\]|\\.)*)"/g;

/** Reads the sample lines of a Prometheus text exposition (comments skipped). */
export function parseMetrics(text: string): MetricSample[] {
  return text.split('\n').flatMap((line) => {
    const match = SAMPLE.exec(line);
    if (!match) return [];
    const labels: Record<string, string> = {};
    for (const label of (match[2] ?? '').matchAll(LABEL)) labels[label[1] as string] = label[2] as string;
    return [{ name: match[1] as string, labels, value: Number(match[3]) }];
  });
}

/** GETs `url` (a service's /metrics) and parses it; throws unless it answers 200. */
export async function scrapeMetrics(url: string): Promise<Scrape> {
  const response = await fetch(url);
  if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
  const samples = parseMetrics(await response.text());
  const matching = (name: string, labels: Record<string, string>): MetricSample[] =>
    samples.filter((s) => s.name === name && Object.entries(labels).every(([key, value]) => s.labels[key] === value));
  return {
    contentType: response.headers.get('content-type'),
    samples,
    sum: (name, labels = {}) => matching(name, labels).reduce((total, s) => total + s.value, 0),
    labelValues: (name, label) => [
      ...new Set(matching(name, {}).flatMap((s) => (s.labels[label] === undefined ? [] : [s.labels[label]]))),
    ],
  };
}
