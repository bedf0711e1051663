import {
  pageSchema,
  publicProfileSchema,
  shaderSummarySchema,
  type Page,
  type PublicProfile,
  type ShaderSummary,
} from '@fractafrag/contracts';
import { apiFetch } from './client.ts';

/** Public profiles and their published shaders. */

const at = (username: string, rest = '') => `/users/${encodeURIComponent(username)}${rest}`;
const withSignal = (signal?: AbortSignal) => (signal ? { signal } : {});

export const userKeys = {
  profile: (username: string) => ['user', username.toLowerCase()] as const,
  shaders: (username: string) => ['user', username.toLowerCase(), 'shaders'] as const,
};

export function fetchProfile(username: string, signal?: AbortSignal): Promise<PublicProfile> {
  return apiFetch(at(username), { schema: publicProfileSchema, ...withSignal(signal) });
}

const shaderPageSchema = pageSchema(shaderSummarySchema);

export function fetchUserShaders(
  username: string,
  cursor: string | null,
  signal?: AbortSignal,
): Promise<Page<ShaderSummary>> {
  const params = new URLSearchParams({ limit: '24' });
  if (cursor) params.set('cursor', cursor);
  return apiFetch(at(username, `/shaders?${params.toString()}`), {
    schema: shaderPageSchema,
    ...withSignal(signal),
  });
}
