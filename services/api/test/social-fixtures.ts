import { createTokenService } from '../src/auth/tokens.ts';
import { generateApiKey } from '../src/auth/api-key.ts';
import type { ApiHarness, TestUser } from './api-harness.ts';

/** Fixtures for the social and discovery tests: rows written with SQL, so each test states its world. */

export const SYSTEM_USER_ID = '00000000-0000-4000-8000-000000000001';
export const MISSING_ID = '7b0c9a4e-0000-4000-8000-00000000dead';

// The harness signs access tokens with this secret (see api-harness.ts).
const tokens = createTokenService('test-secret-0123456789abcdef');

/** A user inserted directly (no argon2 round trip) with a valid access token. */
export async function quickUser(
  api: ApiHarness,
  username: string,
  role: 'user' | 'moderator' | 'admin' = 'user',
): Promise<TestUser> {
  const { rows } = await api.db.pool.query<{ id: string }>(
    `INSERT INTO users (username, email, password_hash, role) VALUES ($1, $2, 'x', $3) RETURNING id`,
    [username, `${username.toLowerCase()}@example.com`, role],
  );
  const id = rows[0]!.id;
  return { id, username, token: await tokens.issueAccessToken({ userId: id, role }) };
}

/** An API key with only the read scope, for the 403 cases of write routes. */
export async function readOnlyApiKey(api: ApiHarness, userId: string): Promise<string> {
  const key = generateApiKey();
  await api.db.pool.query(
    `INSERT INTO api_keys (user_id, name, prefix, key_hash, scopes) VALUES ($1, 'read only', $2, $3, '{read}')`,
    [userId, key.prefix, key.hash],
  );
  return key.key;
}

export interface SeedShaderOptions {
  title?: string;
  description?: string;
  tags?: string[];
  type?: '2d' | '3d' | 'audio-reactive';
  status?: 'draft' | 'published' | 'archived';
  visibility?: 'public' | 'unlisted' | 'private';
  /** Hours before now; default 1. Ignored for drafts. */
  publishedHoursAgo?: number;
  votes?: { up: number; down: number };
  hotScore?: number;
  textEmbedding?: number[];
  visualEmbedding?: number[];
}

/** pgvector's text form. */
export const vectorLiteral = (values: number[]): string => `[${values.join(',')}]`;

/** A vector of `dims` zeros with the given components set (unnormalised; cosine ignores length). */
export function sparseVector(dims: number, components: Record<number, number>): number[] {
  const v = new Array<number>(dims).fill(0);
  for (const [index, value] of Object.entries(components)) v[Number(index)] = value;
  return v;
}

let seeded = 0;

/** A shader row plus its version 1, inserted with SQL. */
export async function seedShader(
  api: ApiHarness,
  authorId: string,
  options: SeedShaderOptions = {},
): Promise<string> {
  seeded += 1;
  const status = options.status ?? 'published';
  const { rows } = await api.db.pool.query<{ id: string }>(
    `INSERT INTO shaders (author_id, title, description, tags, type, status, visibility, published_at,
                          vote_up, vote_down, hot_score, text_embedding, visual_embedding)
     VALUES ($1, $2, $3, $4, $5, $6::shader_status, $7,
             CASE WHEN $6::shader_status = 'draft' THEN NULL ELSE now() - make_interval(secs => $8::float8 * 3600) END,
             $9, $10, coalesce($11, 0.0945), $12::vector, $13::vector)
     RETURNING id`,
    [
      authorId,
      options.title ?? `Shader ${seeded}`,
      options.description ?? '',
      options.tags ?? [],
      options.type ?? '2d',
      status,
      options.visibility ?? 'public',
      options.publishedHoursAgo ?? 1,
      options.votes?.up ?? 0,
      options.votes?.down ?? 0,
      options.hotScore ?? null,
      options.textEmbedding ? vectorLiteral(options.textEmbedding) : null,
      options.visualEmbedding ? vectorLiteral(options.visualEmbedding) : null,
    ],
  );
  const id = rows[0]!.id;
  await api.db.pool.query(
    `INSERT INTO shader_versions (shader_id, version, passes, author_id, code_hash)
     VALUES ($1, 1, $2, $3, 'test')`,
    [
      id,
      JSON.stringify([
        { name: 'Image', code: 'void mainImage(out vec4 c, in vec2 p) { c = vec4(1.0); }', channels: [] },
      ]),
      authorId,
    ],
  );
  return id;
}

/** Takes the curated seed shaders out of the lists, so a test's own rows are all there is. */
export async function hideSeedShaders(api: ApiHarness): Promise<void> {
  await api.db.pool.query(`UPDATE shaders SET deleted_at = now() WHERE author_id = $1`, [SYSTEM_USER_ID]);
}
