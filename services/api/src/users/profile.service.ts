import type { Page, PublicProfile, ShaderSummary } from '@fractafrag/contracts';
import { badRequest, notFound } from '@fractafrag/core';
import type { Pool } from '@fractafrag/db';
import { decodeCursor, encodeCursor } from '../http/cursor.ts';
import { toShaderSummary } from '../shaders/shader.mapper.ts';
import { findProfile, listAuthorShaders } from './profile.repository.ts';

export interface ProfileDeps {
  pool: Pool;
  rendersPublicPath: string;
}

/** How many shaders the profile page shows before "more" (GET /users/:username/shaders). */
export const PROFILE_SHADER_PAGE = 12;

async function shaderPage(
  deps: ProfileDeps,
  authorId: string,
  limit: number,
  cursor?: string,
): Promise<Page<ShaderSummary>> {
  const after = cursor ? decodeCursor(cursor) : undefined;
  if (after && typeof after.sortKey !== 'string')
    throw badRequest('The cursor is invalid: pass back nextCursor unchanged.');
  const rows = await listAuthorShaders(
    deps.pool,
    authorId,
    limit,
    after ? { publishedAt: String(after.sortKey), id: after.id } : undefined,
  );
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map((r) => toShaderSummary(r, deps.rendersPublicPath)),
    nextCursor: rows.length > limit && last ? encodeCursor(last.published_key, last.id) : null,
  };
}

/** A public profile: no email, role or points; only published public shaders are counted and listed. */
export async function getPublicProfile(deps: ProfileDeps, username: string): Promise<PublicProfile> {
  const row = await findProfile(deps.pool, username);
  if (!row) throw notFound('User');
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    bio: row.bio,
    avatarUrl: row.avatar_url,
    websiteUrl: row.website_url,
    createdAt: row.created_at.toISOString(),
    counts: { publishedShaders: row.published_shaders },
    shaders: await shaderPage(deps, row.id, PROFILE_SHADER_PAGE),
  };
}

export async function listUserShaders(
  deps: ProfileDeps,
  username: string,
  limit: number,
  cursor?: string,
): Promise<Page<ShaderSummary>> {
  const row = await findProfile(deps.pool, username);
  if (!row) throw notFound('User');
  return shaderPage(deps, row.id, limit, cursor);
}
