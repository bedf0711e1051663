import { useQuery } from '@tanstack/react-query';
import { fromShaderSource, newEditorSource } from './editor-source.ts';
import { useLocation, useParams } from 'react-router';
import { ApiError } from '../api/client.ts';
import { fetchShader, shaderKeys } from '../api/shaders.ts';
import { useAuth } from '../auth/auth-context.tsx';
import { PageError, PageLoading } from '../ui/page-state.tsx';
import { EMPTY_META, metaOf } from './shader-meta.ts';
import { ShaderEditor } from './shader-editor.tsx';
import './editor.css';

interface EditorLocationState {
  /** Set when a new shader was just saved, so the same editor stays mounted at its new URL. */
  sessionKey?: string;
  importWarnings?: string[];
}

function locationState(state: unknown): EditorLocationState {
  return typeof state === 'object' && state !== null ? (state as EditorLocationState) : {};
}

/** /new and /s/:id/edit: the shader editor, loaded lazily with CodeMirror. */
export function EditorPage() {
  const { id } = useParams<{ id: string }>();
  const location = useLocation();
  const state = locationState(location.state);
  const { user, status } = useAuth();
  const loginHref = `/login?next=${encodeURIComponent(location.pathname)}`;
  const sessionKey = state.sessionKey ?? id ?? `new:${location.key}`;

  const query = useQuery({
    queryKey: shaderKeys.detail(id ?? ''),
    queryFn: ({ signal }) => fetchShader(id!, signal),
    // A draft is visible to its author only: wait until the session is restored.
    enabled: id !== undefined && status !== 'loading',
  });

  const cannotSave =
    status === 'loading'
      ? 'loading'
      : !user
        ? 'signed-out'
        : query.data && query.data.author.id !== user.id
          ? 'not-author'
          : null;

  if (!id) {
    return (
      <ShaderEditor
        key={sessionKey}
        sessionKey={sessionKey}
        shader={null}
        initialSource={newEditorSource()}
        initialMeta={EMPTY_META}
        cannotSave={cannotSave}
        loginHref={loginHref}
      />
    );
  }
  if (query.isPending) return <PageLoading label="Loading the shader…" />;
  if (query.isError) {
    const missing = query.error instanceof ApiError && query.error.status === 404;
    return (
      <PageError
        title={missing ? 'Shader not found' : 'Could not load the shader'}
        error={
          missing && !user
            ? new Error('No such shader here. If it is your draft, log in to edit it.')
            : query.error
        }
        {...(missing ? {} : { onRetry: () => void query.refetch() })}
      />
    );
  }
  const warnings = state.importWarnings ?? [];
  return (
    <ShaderEditor
      key={sessionKey}
      sessionKey={sessionKey}
      shader={query.data}
      initialSource={fromShaderSource(query.data.source)}
      initialMeta={metaOf(query.data)}
      cannotSave={cannotSave}
      loginHref={loginHref}
      notice={
        warnings.length > 0
          ? `Imported as a draft, with substitutions: ${warnings.join(' ')}`
          : state.importWarnings
            ? 'Imported as a draft.'
            : null
      }
    />
  );
}
