import { createShaderBodySchema, type ShaderDetail, type ShaderSummary } from '@fractafrag/contracts';
import { validationFailed } from '@fractafrag/core';
import {
  exportShadertoy,
  importShadertoy,
  ShadertoyImportError,
  type ShadertoyApiJson,
} from '@fractafrag/glsl-runtime/pure';
import { parse } from '../http/validate.ts';
import { createShader, getShader, type ShaderDeps } from './shader.service.ts';

export interface ImportOptions {
  status?: 'draft' | 'published';
  visibility?: ShaderSummary['visibility'];
}

/** The body is the Shadertoy JSON itself; `status`/`visibility` may sit beside `Shader` or in the query. */
function optionsFromBody(body: unknown): ImportOptions {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return {};
  const { status, visibility } = body as ImportOptions;
  return { status, visibility };
}

/**
 * Converts Shadertoy JSON (either shape) and stores it as a new shader: title, description and
 * tags from its info. Conversion problems are 422 with one detail per problem.
 */
export async function importFromShadertoy(
  deps: ShaderDeps,
  authorId: string,
  body: unknown,
  query: ImportOptions,
  requestId?: string,
): Promise<ShaderDetail & { importWarnings: string[] }> {
  let converted;
  try {
    converted = importShadertoy(body);
  } catch (err) {
    if (!(err instanceof ShadertoyImportError)) throw err;
    throw validationFailed(`This Shadertoy JSON cannot be imported: ${err.message}`, err.issues);
  }
  const options = { ...optionsFromBody(body), ...stripUndefined(query) };
  const createBody = parse(
    createShaderBodySchema,
    {
      title: converted.meta.title,
      description: converted.meta.description,
      tags: converted.meta.tags,
      status: options.status ?? 'draft',
      visibility: options.visibility ?? 'public',
      source: converted.source,
    },
    'body (converted from Shadertoy)',
  );
  const origin = converted.meta.shadertoyId ? ` ${converted.meta.shadertoyId}` : '';
  const by = converted.meta.username ? ` by ${converted.meta.username}` : '';
  const shader = await createShader(
    deps,
    authorId,
    createBody,
    requestId,
    `Imported from Shadertoy${origin}${by}`.slice(0, 500),
  );
  return { ...shader, importWarnings: converted.warnings };
}

function stripUndefined(options: ImportOptions): ImportOptions {
  return Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as ImportOptions;
}

/** The current version as Shadertoy's API shape, for anyone who can see the shader. */
export async function exportToShadertoy(
  deps: ShaderDeps,
  id: string,
  viewerId: string | undefined,
): Promise<{ json: ShadertoyApiJson; fileName: string }> {
  const shader = await getShader(deps, id, viewerId);
  const json = exportShadertoy(
    {
      id: shader.id,
      title: shader.title,
      description: shader.description,
      tags: shader.tags,
      username: shader.author.username,
      visibility: shader.visibility,
      createdAt: new Date(shader.createdAt),
    },
    shader.source,
  );
  const slug =
    shader.title
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'shader';
  return { json, fileName: `${slug}-v${shader.currentVersion}.shadertoy.json` };
}
