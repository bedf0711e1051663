import { hotScore } from './hot-score.ts';

/**
 * The one part of this package that touches a database (import it from `@fractafrag/ranking/refresh`;
 * the main entry stays pure). It takes anything with a pg-style `query` method, so the worker can
 * pass its `pg` Pool without this package depending on `pg`.
 */
export interface SqlQueryable {
  query(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
}

interface CounterRow {
  id: string;
  vote_up: number;
  vote_down: number;
  view_count: number;
  replay_count: number;
  dwell_ms_total: number | string;
  published_at: Date;
}

export interface RefreshResult {
  /** Published shaders looked at. */
  scanned: number;
  /** Rows whose hot_score was written (a row whose counters changed meanwhile is skipped). */
  updated: number;
}

/**
 * Recomputes hot_score for every published, non-deleted shader with the same hotScore() that votes
 * and engagement events use, `batch` rows per statement (keyset on id), so decay is applied even to
 * shaders nobody touches. Lock-free: each row is written only if its counters are still the ones
 * the score was computed from; a vote or event that changed them in between has already written a
 * fresher score in its own transaction.
 */
export async function refreshHotScores(
  db: SqlQueryable,
  batch = 500,
  now: Date = new Date(),
): Promise<RefreshResult> {
  const size = Math.min(Math.max(1, Math.floor(batch)), 5_000);
  let after: string | null = null;
  let scanned = 0;
  let updated = 0;
  for (;;) {
    const { rows } = (await db.query(
      `SELECT id, vote_up, vote_down, view_count, replay_count, dwell_ms_total, published_at
       FROM shaders
       WHERE status = 'published' AND deleted_at IS NULL AND ($1::uuid IS NULL OR id > $1::uuid)
       ORDER BY id
       LIMIT $2`,
      [after, size],
    )) as { rows: CounterRow[] };
    if (rows.length === 0) break;
    scanned += rows.length;
    const scores = rows.map((r) =>
      hotScore({
        up: r.vote_up,
        down: r.vote_down,
        replays: r.replay_count,
        dwellMs: Number(r.dwell_ms_total),
        views: r.view_count,
        publishedAt: r.published_at,
        now,
      }),
    );
    const result = (await db.query(
      `UPDATE shaders s SET hot_score = v.hot
       FROM unnest($1::uuid[], $2::float8[], $3::int[], $4::int[], $5::int[], $6::int[], $7::bigint[])
         AS v(id, hot, up, down, views, replays, dwell)
       WHERE s.id = v.id AND s.vote_up = v.up AND s.vote_down = v.down AND s.view_count = v.views
         AND s.replay_count = v.replays AND s.dwell_ms_total = v.dwell
       RETURNING s.id`,
      [
        rows.map((r) => r.id),
        scores,
        rows.map((r) => r.vote_up),
        rows.map((r) => r.vote_down),
        rows.map((r) => r.view_count),
        rows.map((r) => r.replay_count),
        rows.map((r) => Number(r.dwell_ms_total)),
      ],
    )) as { rows: unknown[] };
    updated += result.rows.length;
    after = rows.at(-1)!.id;
    if (rows.length < size) break;
  }
  return { scanned, updated };
}
