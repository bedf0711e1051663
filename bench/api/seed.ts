import pg from 'pg';
import { createPool, migrate } from '@fractafrag/db';

export interface SeedSize {
  users: number;
  shaders: number;
  votesPerUser: number;
}

/**
 * Recreates the bench database and fills it set-based with generate_series: users, published
 * shaders (one version each), votes, counters, hot scores and random unit embeddings.
 */
export async function seedBenchDatabase(adminUrl: string, database: string, size: SeedSize): Promise<string> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${database}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  const pool = createPool(url.toString(), 2);
  try {
    await migrate(pool);
    const step = async (label: string, sql: string, params: unknown[] = []) => {
      const started = performance.now();
      await pool.query(sql, params);
      console.log(`  seed: ${label} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
    };
    await step(
      `${size.users} users`,
      `INSERT INTO users (username, email, password_hash)
       SELECT 'bench_' || i, 'bench_' || i || '@example.com', 'x' FROM generate_series(1, $1) i`,
      [size.users],
    );
    await step(
      `${size.shaders} shaders`,
      `INSERT INTO shaders (author_id, title, description, tags, status, published_at, render_state, thumbnail_path)
       SELECT u.id,
              (ARRAY['Plasma','Tunnel','Noise','Voronoi','Fractal','Raymarch','Kaleido','Aurora'])[1 + i % 8]
                || ' ' || (ARRAY['drift','bloom','storm','weave','pulse','glow','garden','ridge'])[1 + (i / 8) % 8] || ' ' || i,
              'Generated shader number ' || i || ' with ' || (ARRAY['warm','cold','neon','soft'])[1 + i % 4] || ' colours',
              ARRAY[(ARRAY['2d','noise','fractal','raymarch','palette','tiling'])[1 + i % 6]],
              'published', now() - (i || ' minutes')::interval, 'ready', 'bench/' || i || '.webp'
       FROM generate_series(1, $1) i
       JOIN LATERAL (SELECT id FROM users WHERE username = 'bench_' || (1 + i % $2)) u ON true`,
      [size.shaders, size.users],
    );
    await step(
      'versions',
      `INSERT INTO shader_versions (shader_id, version, passes, author_id, code_hash)
       SELECT id, 1, '[{"name":"Image","code":"void mainImage(out vec4 c, in vec2 p){c=vec4(1.0);}","channels":[]}]', author_id, md5(id::text)
       FROM shaders WHERE NOT EXISTS (SELECT 1 FROM shader_versions v WHERE v.shader_id = shaders.id)`,
    );
    await step(
      `${size.users * size.votesPerUser} votes`,
      `WITH s AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS n FROM shaders),
            u AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS n FROM users WHERE NOT is_system)
       INSERT INTO votes (user_id, shader_id, value)
       SELECT u.id, s.id, CASE WHEN (u.n + j) % 5 = 0 THEN -1 ELSE 1 END
       FROM u CROSS JOIN generate_series(0, $1 - 1) j
       JOIN s ON s.n = ((u.n * 7919 + j * 104729) % (SELECT count(*) FROM shaders))
       ON CONFLICT DO NOTHING`,
      [size.votesPerUser],
    );
    await step(
      'counters and hot scores',
      `UPDATE shaders s SET vote_up = c.up, vote_down = c.down,
         hot_score = ((c.up + 1.0) / (c.up + c.down + 2.0)) * power(2, -extract(epoch FROM now() - s.published_at) / 172800)
       FROM (SELECT shader_id, count(*) FILTER (WHERE value = 1) AS up, count(*) FILTER (WHERE value = -1) AS down
             FROM votes GROUP BY shader_id) c
       WHERE c.shader_id = s.id`,
    );
    // Bulk-filling vectors is far faster without the HNSW indexes; they are rebuilt afterwards.
    await step(
      'drop vector indexes',
      'DROP INDEX shaders_text_embedding_hnsw, shaders_visual_embedding_hnsw',
    );
    await step(
      'embeddings',
      `UPDATE shaders SET
         text_embedding = (SELECT array_agg(random() - 0.5)::vector(256) FROM generate_series(1, 256) WHERE shaders.id IS NOT NULL),
         visual_embedding = (SELECT array_agg(random() - 0.5)::vector(64) FROM generate_series(1, 64) WHERE shaders.id IS NOT NULL)`,
    );
    await pool.query(`SET maintenance_work_mem = '1GB'`);
    await step(
      'HNSW indexes',
      `CREATE INDEX shaders_text_embedding_hnsw ON shaders USING hnsw (text_embedding vector_cosine_ops);
       CREATE INDEX shaders_visual_embedding_hnsw ON shaders USING hnsw (visual_embedding vector_cosine_ops)`,
    );
    await step('analyze', 'ANALYZE');
  } finally {
    await pool.end();
  }
  return url.toString();
}
