/**
 * API benchmark (not part of the test run): seeds a large database, then measures the real API
 * under autocannon against two baselines measured in the same run: pgbench running the same SQL,
 * and a bare node:http server answering the same JSON bytes.   pnpm bench:api
 */
import { LISTED, SHADER_LIST_COLUMNS } from '../services/api/src/search/shader-listing.repository.ts';
import { startApiProcess } from './api/api-process.ts';
import { startBareServer } from './api/bare-server.ts';
import { measureUrl, type LoadResult } from './api/load.ts';
import { pgbenchSql } from './api/pgbench.ts';
import { seedBenchDatabase } from './api/seed.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const ADMIN_URL = process.env.BENCH_ADMIN_URL ?? 'postgres://fracta:fracta@127.0.0.1:5432/postgres';
const size = {
  users: Number(process.env.BENCH_USERS ?? 10_000),
  shaders: Number(process.env.BENCH_SHADERS ?? 100_000),
  votesPerUser: Number(process.env.BENCH_VOTES_PER_USER ?? 100),
};
const PAGE = 24;

console.log(`seeding ${size.users} users, ${size.shaders} shaders, ${size.users * size.votesPerUser} votes`);
const databaseUrl = process.env.BENCH_SKIP_SEED
  ? ADMIN_URL.replace(/\/[^/]*$/, '/fractafrag_bench')
  : await seedBenchDatabase(ADMIN_URL, 'fractafrag_bench', size);
const api = await startApiProcess(databaseUrl);

async function json<T>(path: string): Promise<T> {
  const res = await fetch(`${api.url}${path}`);
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

// The cursor of page 500 of the new feed, reached the way a client does.
let cursor: string | null = null;
for (let page = 1; page < 500; page++) {
  const body: { nextCursor: string | null } = await json(
    `/api/v1/feed/new?limit=${PAGE}${cursor ? `&cursor=${cursor}` : ''}`,
  );
  cursor = body.nextCursor;
}
const trending = await json<{ items: { id: string }[] }>(`/api/v1/feed/trending?limit=${PAGE}`);
const someId = trending.items[0]!.id;
const trendingBytes = Buffer.from(
  await (await fetch(`${api.url}/api/v1/feed/trending?limit=${PAGE}`)).arrayBuffer(),
);

const results: LoadResult[] = [];
const run = async (name: string, path: string) => {
  results.push(await measureUrl(name, `${api.url}${path}`, SECONDS));
};
await run('GET /feed/trending', `/api/v1/feed/trending?limit=${PAGE}`);
await run('GET /feed/new page 1', `/api/v1/feed/new?limit=${PAGE}`);
await run('GET /feed/new page 500', `/api/v1/feed/new?limit=${PAGE}&cursor=${cursor}`);
await run(
  'GET /shaders?q=plasma bloom',
  `/api/v1/shaders?q=${encodeURIComponent('plasma bloom')}&limit=${PAGE}`,
);
await run('GET /shaders/:id/similar', `/api/v1/shaders/${someId}/similar?limit=12`);
api.stop();

const trendingSql = `SELECT ${SHADER_LIST_COLUMNS}, s.hot_score AS sort_key FROM shaders s JOIN users u ON u.id = s.author_id
  WHERE ${LISTED} ORDER BY s.hot_score DESC, s.id DESC LIMIT ${PAGE + 1}`;
results.push(pgbenchSql('baseline: pgbench trending SQL', databaseUrl, trendingSql, SECONDS));
const bare = await startBareServer(trendingBytes);
results.push(await measureUrl('baseline: bare node:http, same bytes', bare.url, SECONDS));
bare.server.close();

const by = (name: string) => results.find((r) => r.name.startsWith(name))!;
console.log(
  `\n${'case'.padEnd(40)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'req/s'.padStart(9)} ${'errors'.padStart(7)}`,
);
for (const r of results) {
  console.log(
    `${r.name.padEnd(40)} ${r.p50.toFixed(2).padStart(8)} ${r.p99.toFixed(2).padStart(8)} ${r.rps.toFixed(0).padStart(9)} ${String(r.errors).padStart(7)}`,
  );
}
const ratio = (a: number, b: number) => (a / b).toFixed(2);
const trend = by('GET /feed/trending');
console.log(
  `\ntrending p50 / SQL p50:        ${ratio(trend.p50, by('baseline: pgbench').p50)}x   (goal ≤ 1.5x)`,
);
console.log(
  `trending req/s / bare req/s:   ${((100 * trend.rps) / by('baseline: bare').rps).toFixed(0)}%   (goal ≥ 50%)`,
);
console.log(
  `new page 500 p50 / page 1 p50: ${ratio(by('GET /feed/new page 500').p50, by('GET /feed/new page 1').p50)}x   (goal ≤ 1.2x)`,
);
console.log(
  `similar p97.5:                 ${by('GET /shaders/:id/similar').p975.toFixed(2)} ms   (goal p95 ≤ 15 ms; autocannon reports p97.5)`,
);
