import { importShadertoy, ShadertoyImportError, type ShadertoyImport } from '@fractafrag/glsl-runtime/pure';
import { useEffect, useId, useRef, useState, type ChangeEvent } from 'react';
import { useNavigate } from 'react-router';
import { ApiError } from '../api/client.ts';
import { importShadertoyJson } from '../api/shader-writes.ts';

interface ImportDialogProps {
  open: boolean;
  onClose: () => void;
  /** Replaces the editor's source and details with the converted shader (nothing saved yet). */
  onOpenInEditor: (imported: ShadertoyImport) => void;
  signedIn: boolean;
}

function parseJson(text: string): { json: unknown } | { error: string } {
  if (!text.trim()) return { error: 'Paste Shadertoy JSON or choose a .json file first.' };
  try {
    return { json: JSON.parse(text) as unknown };
  } catch (err) {
    return { error: `That is not valid JSON: ${err instanceof Error ? err.message : String(err)}` };
  }
}

function describeImportError(err: unknown): string {
  if (err instanceof ShadertoyImportError) {
    return err.issues.map((issue) => `${issue.path}: ${issue.message}`).join('\n');
  }
  return err instanceof Error ? err.message : String(err);
}

/**
 * Shadertoy JSON in, by paste or file: open it in the editor (converted here, in the browser, with
 * the same converter the API uses) or import it straight to a new draft on the server.
 */
export function ImportDialog({ open, onClose, onOpenInEditor, signedIn }: ImportDialogProps) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const navigate = useNavigate();
  const textId = useId();
  const fileId = useId();

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (!file) return;
    setText(await file.text());
    setError(null);
  };

  const openInEditor = () => {
    const parsed = parseJson(text);
    if ('error' in parsed) return setError(parsed.error);
    try {
      onOpenInEditor(importShadertoy(parsed.json));
      setText('');
      setError(null);
      onClose();
    } catch (err) {
      setError(describeImportError(err));
    }
  };

  const importAsDraft = async () => {
    const parsed = parseJson(text);
    if ('error' in parsed) return setError(parsed.error);
    setBusy(true);
    try {
      const shader = await importShadertoyJson(parsed.json);
      onClose();
      void navigate(`/s/${shader.id}/edit`, { state: { importWarnings: shader.importWarnings } });
    } catch (err) {
      setError(err instanceof ApiError ? err.message : describeImportError(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <dialog
      ref={dialogRef}
      className="dialog"
      aria-labelledby={`${textId}-title`}
      onClose={onClose}
      data-testid="import-dialog"
    >
      <h2 id={`${textId}-title`}>Import from Shadertoy</h2>
      <p className="muted">
        Paste the JSON of a shader (Shadertoy&apos;s API <code>{'{"Shader": …}'}</code> or the site&apos;s
        export array), or choose a file.
      </p>
      <label className="field" htmlFor={textId}>
        <span>Shadertoy JSON</span>
        <textarea
          id={textId}
          rows={8}
          value={text}
          spellCheck={false}
          onChange={(event) => setText(event.target.value)}
        />
      </label>
      <label className="field" htmlFor={fileId}>
        <span>Or a .json file</span>
        <input id={fileId} type="file" accept=".json,application/json" onChange={(e) => void onFile(e)} />
      </label>
      {error && (
        <p className="error-message pre-wrap" role="alert">
          {error}
        </p>
      )}
      <div className="dialog-actions">
        <button type="button" className="button button-quiet" onClick={onClose}>
          Cancel
        </button>
        {signedIn && (
          <button
            type="button"
            className="button button-quiet"
            disabled={busy}
            onClick={() => void importAsDraft()}
          >
            {busy ? 'Importing…' : 'Import as a new draft'}
          </button>
        )}
        <button type="button" className="button" onClick={openInEditor}>
          Open in editor
        </button>
      </div>
    </dialog>
  );
}
