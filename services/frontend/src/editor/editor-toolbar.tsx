import { useId } from 'react';
import { Link } from 'react-router';
import type { ShaderDetail } from '@fractafrag/contracts';
import type { ShaderMeta } from './shader-meta.ts';
import type { SaveAction } from './use-shader-save.ts';

interface EditorToolbarProps {
  shader: ShaderDetail | null;
  meta: ShaderMeta;
  onMetaChange: (meta: ShaderMeta) => void;
  changeNote: string;
  onChangeNoteChange: (note: string) => void;
  /** Why saving is impossible here (signed out, someone else's shader), or null. */
  cannotSave: 'signed-out' | 'not-author' | 'loading' | null;
  dirty: boolean;
  pending: SaveAction | null;
  onSave: (action: SaveAction) => void;
  onImport: () => void;
  loginHref: string;
}

/** Title, details, change note and the save / publish buttons above the editor. */
export function EditorToolbar(props: EditorToolbarProps) {
  const { shader, meta, onMetaChange, changeNote, onChangeNoteChange, cannotSave, dirty, pending } = props;
  const id = useId();
  const canPublish = !shader || shader.status !== 'published';
  const busy = pending !== null;

  return (
    <div className="editor-toolbar">
      <div className="editor-toolbar-row">
        <label className="field field-inline editor-title" htmlFor={`${id}-title`}>
          <span className="visually-hidden">Title</span>
          <input
            id={`${id}-title`}
            value={meta.title}
            placeholder="Untitled shader"
            maxLength={120}
            onChange={(e) => onMetaChange({ ...meta, title: e.target.value })}
          />
        </label>
        {shader && (
          <span className={`status-badge status-${shader.status}`} data-testid="editor-status">
            {shader.status} · v{shader.currentVersion}
          </span>
        )}
        {dirty && <span className="muted unsaved">Unsaved changes</span>}
        <button type="button" className="button button-quiet button-small" onClick={props.onImport}>
          Import Shadertoy JSON
        </button>
      </div>
      <details className="editor-details">
        <summary>Description and tags</summary>
        <label className="field" htmlFor={`${id}-description`}>
          <span>Description</span>
          <textarea
            id={`${id}-description`}
            rows={3}
            maxLength={5000}
            value={meta.description}
            onChange={(e) => onMetaChange({ ...meta, description: e.target.value })}
          />
        </label>
        <label className="field" htmlFor={`${id}-tags`}>
          <span>Tags (comma-separated, a-z 0-9 -)</span>
          <input
            id={`${id}-tags`}
            value={meta.tags}
            placeholder="raymarching, neon"
            onChange={(e) => onMetaChange({ ...meta, tags: e.target.value })}
          />
        </label>
      </details>
      <div className="editor-toolbar-row">
        {cannotSave === 'signed-out' ? (
          <p className="muted editor-save-note">
            <Link to={props.loginHref}>Log in</Link> to save and publish. You can play with the code
            meanwhile.
          </p>
        ) : cannotSave === 'not-author' ? (
          <p className="muted editor-save-note">
            This is {shader?.author.username}&apos;s shader: try changes here, then fork it from{' '}
            {shader && <Link to={`/s/${shader.id}`}>its page</Link>} to keep them.
          </p>
        ) : (
          <>
            {shader && (
              <label className="field field-inline change-note" htmlFor={`${id}-note`}>
                <span className="visually-hidden">Change note</span>
                <input
                  id={`${id}-note`}
                  value={changeNote}
                  maxLength={500}
                  placeholder="Change note (what did you change?)"
                  onChange={(e) => onChangeNoteChange(e.target.value)}
                />
              </label>
            )}
            <button
              type="button"
              className="button button-quiet"
              disabled={busy || cannotSave === 'loading'}
              onClick={() => props.onSave('save')}
              data-testid="save-button"
              title="Ctrl+S"
            >
              {pending === 'save' ? 'Saving…' : shader && shader.status !== 'draft' ? 'Save' : 'Save draft'}
            </button>
            {canPublish && (
              <button
                type="button"
                className="button"
                disabled={busy || cannotSave === 'loading'}
                onClick={() => props.onSave('publish')}
                data-testid="publish-button"
              >
                {pending === 'publish' ? 'Publishing…' : 'Publish'}
              </button>
            )}
          </>
        )}
      </div>
    </div>
  );
}
