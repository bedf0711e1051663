import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { ShaderDetail, ShaderSource, UpdateShaderBody } from '@fractafrag/contracts';
import { ApiError } from '../api/client.ts';
import { changeShaderStatus, createShader, updateShader } from '../api/shader-writes.ts';
import { metaOf, parseTags, sameMeta, type ShaderMeta } from './shader-meta.ts';

export type SaveAction = 'save' | 'publish';

export interface SaveRequest {
  action: SaveAction;
  source: ShaderSource;
  sourceChanged: boolean;
  meta: ShaderMeta;
  changeNote: string;
}

export interface SaveOutcome {
  shader: ShaderDetail;
  message: string;
}

/**
 * Saving from the editor. A new shader is created as a draft or published at once; an existing one
 * gets a PATCH (a changed source becomes a new version with the change note) and, to publish, a
 * status change. Every cache that shows the shader is refreshed afterwards.
 */
export function useShaderSave(shader: ShaderDetail | null) {
  const queryClient = useQueryClient();
  const [pending, setPending] = useState<SaveAction | null>(null);
  const [error, setError] = useState<string | null>(null);

  const run = async (request: SaveRequest): Promise<SaveOutcome | null> => {
    setPending(request.action);
    setError(null);
    try {
      const outcome = shader ? await saveExisting(shader, request) : await saveNew(request);
      queryClient.setQueryData(['shader', outcome.shader.id], outcome.shader);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ['my-shaders'] }),
        queryClient.invalidateQueries({ queryKey: ['feed'] }),
      ]);
      return outcome;
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
      return null;
    } finally {
      setPending(null);
    }
  };

  return { run, pending, error, clearError: () => setError(null) };
}

async function saveNew({ action, source, meta }: SaveRequest): Promise<SaveOutcome> {
  const created = await createShader({
    title: meta.title.trim(),
    description: meta.description,
    tags: parseTags(meta.tags),
    type: '2d',
    visibility: 'public',
    status: action === 'publish' ? 'published' : 'draft',
    source,
  });
  return {
    shader: created,
    message: action === 'publish' ? 'Published. The server is rendering its thumbnail.' : 'Draft saved.',
  };
}

async function saveExisting(shader: ShaderDetail, request: SaveRequest): Promise<SaveOutcome> {
  const { action, source, sourceChanged, meta, changeNote } = request;
  const body: UpdateShaderBody = {};
  if (sourceChanged) {
    body.source = source;
    if (changeNote.trim()) body.changeNote = changeNote.trim();
  }
  if (!sameMeta(meta, metaOf(shader))) {
    body.title = meta.title.trim();
    body.description = meta.description;
    body.tags = parseTags(meta.tags);
  }
  const edited = Object.keys(body).length > 0;
  let saved = edited ? await updateShader(shader.id, body) : shader;
  const versionNote =
    saved.currentVersion > shader.currentVersion ? ` as version ${saved.currentVersion}` : '';
  if (action === 'publish' && saved.status !== 'published') {
    saved = await changeShaderStatus(shader.id, 'published');
    return { shader: saved, message: `Published${versionNote}. The server is rendering its thumbnail.` };
  }
  return { shader: saved, message: edited ? `Saved${versionNote}.` : 'Nothing changed since the last save.' };
}
