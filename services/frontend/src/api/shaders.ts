import {
  commentPageSchema,
  commentSchema,
  engagementResultSchema,
  pageSchema,
  renderStatusSchema,
  shaderDetailSchema,
  shaderVersionDetailSchema,
  shadertoyExportSchema,
  shaderVersionSummarySchema,
  similarShadersSchema,
  voteStateSchema,
  type Comment,
  type EngagementEventBody,
  type Page,
  type RenderStatus,
  type ShaderDetail,
  type ShaderVersionDetail,
  type ShaderVersionSummary,
  type SimilarShader,
  type VoteState,
} from '@fractafrag/contracts';
import { anonymousSessionId } from '../auth/anonymous-session.ts';
import { apiFetch } from './client.ts';

/** Calls about one shader; query keys live here so every page shares one cache entry per thing. */

const at = (id: string, rest = '') => `/shaders/${encodeURIComponent(id)}${rest}`;
const withSignal = (signal?: AbortSignal) => (signal ? { signal } : {});

export const shaderKeys = {
  detail: (id: string) => ['shader', id] as const,
  render: (id: string) => ['shader', id, 'render'] as const,
  vote: (id: string) => ['shader', id, 'vote'] as const,
  versions: (id: string) => ['shader', id, 'versions'] as const,
  version: (id: string, version: number) => ['shader', id, 'versions', version] as const,
  comments: (id: string) => ['shader', id, 'comments'] as const,
  similar: (id: string) => ['shader', id, 'similar'] as const,
};

export function fetchShader(id: string, signal?: AbortSignal): Promise<ShaderDetail> {
  return apiFetch(at(id), { schema: shaderDetailSchema, ...withSignal(signal) });
}

export function fetchRenderStatus(id: string, signal?: AbortSignal): Promise<RenderStatus> {
  return apiFetch(at(id, '/render'), { schema: renderStatusSchema, ...withSignal(signal) });
}

export function fetchMyVote(id: string, signal?: AbortSignal): Promise<VoteState> {
  return apiFetch(at(id, '/vote'), { schema: voteStateSchema, ...withSignal(signal) });
}

/** Up (1), down (-1), or null to take the vote back. */
export function castVote(id: string, value: 1 | -1 | null): Promise<VoteState> {
  return value === null
    ? apiFetch(at(id, '/vote'), { method: 'DELETE', schema: voteStateSchema })
    : apiFetch(at(id, '/vote'), { method: 'PUT', body: { value }, schema: voteStateSchema });
}

/** A view, dwell or replay; anonymous visitors are told apart by a session id kept in localStorage. */
export async function reportEngagement(
  id: string,
  event: Omit<EngagementEventBody, 'sessionId'>,
  options: { keepalive?: boolean } = {},
): Promise<void> {
  await apiFetch(at(id, '/events'), {
    method: 'POST',
    body: { ...event, sessionId: anonymousSessionId() },
    schema: engagementResultSchema,
    ...(options.keepalive ? { keepalive: true } : {}),
  });
}

export async function reportReplay(id: string): Promise<void> {
  await apiFetch(at(id, '/replay'), {
    method: 'POST',
    body: { sessionId: anonymousSessionId() },
    schema: engagementResultSchema,
  });
}

export function forkShader(id: string, version?: number): Promise<ShaderDetail> {
  return apiFetch(at(id, '/fork'), {
    method: 'POST',
    body: version === undefined ? {} : { version },
    schema: shaderDetailSchema,
  });
}

const versionPageSchema = pageSchema(shaderVersionSummarySchema);

export function fetchVersions(
  id: string,
  cursor: string | null,
  signal?: AbortSignal,
): Promise<Page<ShaderVersionSummary>> {
  const params = new URLSearchParams({ limit: '50' });
  if (cursor) params.set('cursor', cursor);
  return apiFetch(at(id, `/versions?${params.toString()}`), {
    schema: versionPageSchema,
    ...withSignal(signal),
  });
}

export function fetchVersion(
  id: string,
  version: number,
  signal?: AbortSignal,
): Promise<ShaderVersionDetail> {
  return apiFetch(at(id, `/versions/${version}`), {
    schema: shaderVersionDetailSchema,
    ...withSignal(signal),
  });
}

export function restoreVersion(id: string, version: number): Promise<ShaderVersionDetail> {
  return apiFetch(at(id, `/versions/${version}/restore`), {
    method: 'POST',
    body: {},
    schema: shaderVersionDetailSchema,
  });
}

export function fetchComments(
  id: string,
  cursor: string | null,
  signal?: AbortSignal,
): Promise<Page<Comment>> {
  const params = new URLSearchParams({ limit: '50' });
  if (cursor) params.set('cursor', cursor);
  return apiFetch(at(id, `/comments?${params.toString()}`), {
    schema: commentPageSchema,
    ...withSignal(signal),
  });
}

export function addComment(id: string, body: string): Promise<Comment> {
  return apiFetch(at(id, '/comments'), { method: 'POST', body: { body }, schema: commentSchema });
}

export function deleteComment(commentId: string): Promise<void> {
  return apiFetch(`/comments/${encodeURIComponent(commentId)}`, { method: 'DELETE' });
}

export async function fetchSimilar(id: string, signal?: AbortSignal): Promise<SimilarShader[]> {
  const reply = await apiFetch(at(id, '/similar?limit=8'), {
    schema: similarShadersSchema,
    ...withSignal(signal),
  });
  return reply.items;
}

export type ShadertoyExport = ReturnType<typeof shadertoyExportSchema.parse>;

/** The current version as Shadertoy JSON (the API shape). */
export function fetchShadertoyExport(id: string): Promise<ShadertoyExport> {
  return apiFetch(at(id, '/export'), { schema: shadertoyExportSchema });
}
