import {
  importWarningsSchema,
  pageSchema,
  shaderDetailSchema,
  shaderSummarySchema,
  type CreateShaderBody,
  type Page,
  type ShaderDetail,
  type ShaderSummary,
  type UpdateShaderBody,
} from '@fractafrag/contracts';
import { apiFetch } from './client.ts';

/** The author's side of shaders: create, edit, change status, delete, import, list my own. */

export type ShaderStatus = ShaderSummary['status'];

export function createShader(body: CreateShaderBody): Promise<ShaderDetail> {
  return apiFetch('/shaders', { method: 'POST', body, schema: shaderDetailSchema });
}

export function updateShader(id: string, body: UpdateShaderBody): Promise<ShaderDetail> {
  return apiFetch(`/shaders/${encodeURIComponent(id)}`, {
    method: 'PATCH',
    body,
    schema: shaderDetailSchema,
  });
}

export function changeShaderStatus(id: string, status: ShaderStatus): Promise<ShaderDetail> {
  return apiFetch(`/shaders/${encodeURIComponent(id)}/status`, {
    method: 'POST',
    body: { status },
    schema: shaderDetailSchema,
  });
}

export function deleteShader(id: string): Promise<void> {
  return apiFetch(`/shaders/${encodeURIComponent(id)}`, { method: 'DELETE' });
}

const importedShaderSchema = shaderDetailSchema.extend({ importWarnings: importWarningsSchema });

/** Imports Shadertoy JSON (either shape) as a new draft of the caller's. */
export function importShadertoyJson(json: unknown): Promise<ShaderDetail & { importWarnings: string[] }> {
  return apiFetch('/shaders/import?status=draft', {
    method: 'POST',
    body: json,
    schema: importedShaderSchema,
  });
}

const minePageSchema = pageSchema(shaderSummarySchema);

export function fetchMyShaders(
  status: ShaderStatus,
  cursor: string | null,
  signal?: AbortSignal,
  limit = 24,
): Promise<Page<ShaderSummary>> {
  const params = new URLSearchParams({ status, limit: String(limit) });
  if (cursor) params.set('cursor', cursor);
  return apiFetch(`/shaders/mine?${params.toString()}`, {
    schema: minePageSchema,
    ...(signal ? { signal } : {}),
  });
}
