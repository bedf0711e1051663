import type { ApiHarness, TestUser } from './api-harness.ts';
import { quickUser, seedShader } from './social-fixtures.ts';

/** The rows one route's hostile requests act on: real ids, so a request gets past "not found". */
export interface World {
  owner: TestUser;
  other: TestUser;
  admin: TestUser;
  /** The owner's published shader, with versions 1 and 2. */
  shaderId: string;
  /** A published shader of `other` (to fulfil a desire with). */
  otherShaderId: string;
  /** The owner's open desire, supported by `other`. */
  desireId: string;
  /** The owner's comment on shaderId. */
  commentId: string;
  /** One of the owner's API keys. */
  apiKeyId: string;
}

let worlds = 0;

export async function createWorld(api: ApiHarness): Promise<World> {
  worlds += 1;
  const n = worlds;
  const owner = await quickUser(api, `owner_${n}`);
  const other = await quickUser(api, `other_${n}`);
  const admin = await quickUser(api, `admin_${n}`, 'admin');
  const shaderId = await seedShader(api, owner.id, { title: `Hostile ${n}`, tags: ['neon'] });
  await api.db.pool.query(
    `INSERT INTO shader_versions (shader_id, version, passes, author_id, code_hash)
     SELECT shader_id, 2, $2, author_id, 'v2' FROM shader_versions WHERE shader_id = $1`,
    [
      shaderId,
      JSON.stringify([
        { name: 'Image', code: 'void mainImage(out vec4 c, in vec2 p) { c = vec4(0.5); }', channels: [] },
      ]),
    ],
  );
  await api.db.pool.query('UPDATE shaders SET current_version = 2 WHERE id = $1', [shaderId]);
  const otherShaderId = await seedShader(api, other.id, { title: `Answer ${n}` });
  const { rows: desire } = await api.db.pool.query<{ id: string }>(
    `INSERT INTO desires (author_id, prompt) VALUES ($1, 'slow neon rain') RETURNING id`,
    [owner.id],
  );
  await api.db.pool.query('INSERT INTO desire_supports (desire_id, user_id) VALUES ($1, $2)', [
    desire[0]!.id,
    other.id,
  ]);
  await api.db.pool.query('UPDATE desires SET support_count = 1 WHERE id = $1', [desire[0]!.id]);
  const { rows: comment } = await api.db.pool.query<{ id: string }>(
    `INSERT INTO comments (shader_id, author_id, body) VALUES ($1, $2, 'first') RETURNING id`,
    [shaderId, owner.id],
  );
  const { rows: key } = await api.db.pool.query<{ id: string }>(
    `INSERT INTO api_keys (user_id, name, prefix, key_hash) VALUES ($1, 'k', 'ff_x', md5(random()::text)) RETURNING id`,
    [owner.id],
  );
  return {
    owner,
    other,
    admin,
    shaderId,
    otherShaderId,
    desireId: desire[0]!.id,
    commentId: comment[0]!.id,
    apiKeyId: key[0]!.id,
  };
}
