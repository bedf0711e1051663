import type { Pool, PoolClient } from '@fractafrag/db';

export interface UserRow {
  id: string;
  username: string;
  email: string;
  password_hash: string | null;
  role: 'user' | 'moderator' | 'admin';
  created_at: Date;
}

const COLUMNS = 'id, username::text AS username, email::text AS email, password_hash, role, created_at';

export async function insertUser(
  pool: Pool,
  user: { username: string; email: string; passwordHash: string },
): Promise<UserRow | null> {
  const { rows } = await pool.query<UserRow>(
    `INSERT INTO users (username, email, password_hash) VALUES ($1, $2, $3)
     ON CONFLICT DO NOTHING RETURNING ${COLUMNS}`,
    [user.username, user.email, user.passwordHash],
  );
  return rows[0] ?? null;
}

/** Finds a user by username or email, both case-insensitive (citext). */
export async function findUserByLogin(pool: Pool, login: string): Promise<UserRow | null> {
  const { rows } = await pool.query<UserRow>(
    `SELECT ${COLUMNS} FROM users WHERE (username = $1 OR email = $1) AND NOT is_system LIMIT 1`,
    [login],
  );
  return rows[0] ?? null;
}

export async function findUserById(pool: Pool, id: string): Promise<UserRow | null> {
  const { rows } = await pool.query<UserRow>(`SELECT ${COLUMNS} FROM users WHERE id = $1`, [id]);
  return rows[0] ?? null;
}

export interface ProfileRow {
  id: string;
  username: string;
  email: string;
  role: 'user' | 'moderator' | 'admin';
  displayName: string | null;
  bio: string | null;
  avatarUrl: string | null;
  websiteUrl: string | null;
  points: number;
  createdAt: Date;
}

const PROFILE_COLUMNS = `id, username::text AS username, email::text AS email, role,
  display_name AS "displayName", bio, avatar_url AS "avatarUrl", website_url AS "websiteUrl",
  points, created_at AS "createdAt"`;

export async function findProfileById(pool: Pool, id: string): Promise<ProfileRow | null> {
  const { rows } = await pool.query<ProfileRow>(`SELECT ${PROFILE_COLUMNS} FROM users WHERE id = $1`, [id]);
  return rows[0] ?? null;
}

export interface ProfileChanges {
  displayName?: string | null;
  bio?: string | null;
  avatarUrl?: string | null;
  websiteUrl?: string | null;
  email?: string;
  passwordHash?: string;
}

// The only columns a profile update may write; keys come from this map, never from the request.
const PROFILE_CHANGE_COLUMNS: Record<keyof ProfileChanges, string> = {
  displayName: 'display_name',
  bio: 'bio',
  avatarUrl: 'avatar_url',
  websiteUrl: 'website_url',
  email: 'email',
  passwordHash: 'password_hash',
};

/** Applies the changes: `email_taken` when the email belongs to another account (citext unique), `null` for no such user. */
export async function updateProfile(
  pool: Pool,
  id: string,
  changes: ProfileChanges,
): Promise<ProfileRow | 'email_taken' | null> {
  const sets: string[] = [];
  const values: unknown[] = [id];
  for (const [key, column] of Object.entries(PROFILE_CHANGE_COLUMNS)) {
    const value = changes[key as keyof ProfileChanges];
    if (value === undefined) continue;
    values.push(value);
    sets.push(`${column} = $${values.length}`);
  }
  try {
    const { rows } = await pool.query<ProfileRow>(
      `UPDATE users SET ${[...sets, 'updated_at = now()'].join(', ')}
       WHERE id = $1 RETURNING ${PROFILE_COLUMNS}`,
      values,
    );
    return rows[0] ?? null;
  } catch (err) {
    if ((err as { code?: string; constraint?: string }).code === '23505') return 'email_taken';
    throw err;
  }
}

export interface RoleTarget {
  id: string;
  username: string;
  role: 'user' | 'moderator' | 'admin';
  isSystem: boolean;
}

/** Serialises role changes for the rest of the transaction: rare, and it keeps the admin count honest. */
export async function lockRoleChanges(client: PoolClient): Promise<void> {
  await client.query(`SELECT pg_advisory_xact_lock(hashtext('fractafrag:role-change'))`);
}

export async function findRoleTarget(client: PoolClient, id: string): Promise<RoleTarget | null> {
  const { rows } = await client.query<RoleTarget>(
    `SELECT id, username::text AS username, role, is_system AS "isSystem" FROM users WHERE id = $1 FOR UPDATE`,
    [id],
  );
  return rows[0] ?? null;
}

/** Admins who can log in (the system user is an admin but never logs in). */
export async function countLoginAdmins(client: PoolClient): Promise<number> {
  const { rows } = await client.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM users WHERE role = 'admin' AND NOT is_system`,
  );
  return rows[0]!.n;
}

export async function setRole(client: PoolClient, id: string, role: RoleTarget['role']): Promise<void> {
  await client.query(`UPDATE users SET role = $2, updated_at = now() WHERE id = $1`, [id, role]);
}
