import type {
  ShaderDetail,
  ShaderSummary,
  ShaderVersionDetail,
  ShaderVersionSummary,
} from '@fractafrag/contracts';
import type { VersionRow, VersionWithSourceRow } from './shader-version.repository.ts';
import type { ShaderRow, ShaderWithSourceRow } from './shader.repository.ts';

export function toShaderSummary(row: ShaderRow, rendersPublicPath: string): ShaderSummary {
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    tags: row.tags,
    type: row.type,
    status: row.status,
    visibility: row.visibility,
    author: { id: row.author_id, username: row.author_username },
    currentVersion: row.current_version,
    renderState: row.render_state,
    renderError: row.render_error,
    thumbnailUrl: row.thumbnail_path ? `${rendersPublicPath}/${row.thumbnail_path}` : null,
    votes: { up: row.vote_up, down: row.vote_down },
    hotScore: row.hot_score,
    createdAt: row.created_at.toISOString(),
    publishedAt: row.published_at?.toISOString() ?? null,
  };
}

export function toShaderDetail(row: ShaderWithSourceRow, rendersPublicPath: string): ShaderDetail {
  return {
    ...toShaderSummary(row, rendersPublicPath),
    source: { common: row.common_code, passes: row.passes },
    forkedFrom:
      row.forked_from_shader_id && row.forked_from_version
        ? { shaderId: row.forked_from_shader_id, version: row.forked_from_version }
        : null,
    thumbnailTime: row.thumbnail_time,
    forkCount: row.fork_count,
    posterUrl: row.poster_path ? `${rendersPublicPath}/${row.poster_path}` : null,
    previewUrl: row.preview_path ? `${rendersPublicPath}/${row.preview_path}` : null,
  };
}

export function toVersionSummary(row: VersionRow, currentVersion: number): ShaderVersionSummary {
  return {
    shaderId: row.shader_id,
    version: row.version,
    changeNote: row.change_note,
    author: { id: row.author_id, username: row.author_username },
    codeHash: row.code_hash,
    createdAt: row.created_at.toISOString(),
    isCurrent: row.version === currentVersion,
  };
}

export function toVersionDetail(row: VersionWithSourceRow, currentVersion: number): ShaderVersionDetail {
  return {
    ...toVersionSummary(row, currentVersion),
    source: { common: row.common_code, passes: row.passes },
  };
}
