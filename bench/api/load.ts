import autocannon from 'autocannon';

export interface LoadResult {
  name: string;
  p50: number;
  p99: number;
  p975: number;
  rps: number;
  errors: number;
}

/** Drives one URL with autocannon and reports latency percentiles (ms) and requests/s. */
export async function measureUrl(
  name: string,
  url: string,
  durationSeconds: number,
  connections = 10,
): Promise<LoadResult> {
  const result = await autocannon({ url, connections, duration: durationSeconds });
  return {
    name,
    p50: result.latency.p50,
    p99: result.latency.p99,
    p975: result.latency.p97_5,
    rps: result.requests.average,
    errors: result.errors + result.non2xx,
  };
}
