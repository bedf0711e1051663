import type { Pool } from '@fractafrag/db';

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
