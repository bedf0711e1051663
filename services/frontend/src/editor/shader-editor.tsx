import type { ShaderDetail } from '@fractafrag/contracts';
import type { CompileError, CompileResult, ShadertoyImport } from '@fractafrag/glsl-runtime/pure';
import { useCallback, useEffect, useId, useMemo, useState, type KeyboardEvent } from 'react';
import { useNavigate } from 'react-router';
import { ChannelPicker } from './channel-picker.tsx';
import { CodeEditor } from './code-editor.tsx';
import { CompileErrors } from './compile-errors.tsx';
import { errorsByTab } from './editor-diagnostics.ts';
import {
  BUFFER_NAMES,
  fromShaderSource,
  sourceKey,
  tabCode,
  tabsOf,
  toShaderSource,
  withChannel,
  withNextBuffer,
  withoutBuffer,
  withTabCode,
  type BufferName,
  type EditorSource,
  type TabName,
} from './editor-source.ts';
import { EditorTabs } from './editor-tabs.tsx';
import { EditorToolbar } from './editor-toolbar.tsx';
import { ImportDialog } from './import-dialog.tsx';
import { LivePreview } from './live-preview.tsx';
import { metaOf, metaProblem, sameMeta, type ShaderMeta } from './shader-meta.ts';
import { SplitPane } from './split-pane.tsx';
import { useDebouncedValue } from './use-debounced-value.ts';
import { useShaderSave, type SaveAction } from './use-shader-save.ts';

/** Recompile this long after the last keystroke. */
const RECOMPILE_DELAY_MS = 300;
const NO_ERRORS: CompileError[] = [];

interface ShaderEditorProps {
  /** The saved shader, or null for a new one. */
  shader: ShaderDetail | null;
  initialSource: EditorSource;
  initialMeta: ShaderMeta;
  cannotSave: 'signed-out' | 'not-author' | 'loading' | null;
  loginHref: string;
  /** Key that keeps this editor mounted when a new shader's URL becomes /s/:id/edit. */
  sessionKey: string;
  notice?: string | null;
}

export function ShaderEditor(props: ShaderEditorProps) {
  const { shader, cannotSave } = props;
  const navigate = useNavigate();
  const ids = useId();
  const [source, setSource] = useState(props.initialSource);
  // Bumped when the whole source is replaced (import): the code editor then starts afresh.
  const [generation, setGeneration] = useState(0);
  const [activeTab, setActiveTab] = useState<TabName>('Image');
  const [meta, setMeta] = useState(props.initialMeta);
  const [changeNote, setChangeNote] = useState('');
  const [compile, setCompile] = useState<CompileResult | null>(null);
  const [jump, setJump] = useState<{ line: number } | null>(null);
  const [importOpen, setImportOpen] = useState(false);
  const [message, setMessage] = useState<string | null>(props.notice ?? null);
  const [savedKey, setSavedKey] = useState(() => sourceKey(props.initialSource));
  const save = useShaderSave(shader);

  const compiledSource = useDebouncedValue(source, RECOMPILE_DELAY_MS);
  const runtimeSource = useMemo(() => toShaderSource(compiledSource), [compiledSource]);
  const errors = compile?.errors ?? NO_ERRORS;
  const byTab = useMemo(() => errorsByTab(errors), [errors]);
  const errorCounts = useMemo(
    () => new Map([...byTab.entries()].map(([tab, list]) => [tab, list.length])),
    [byTab],
  );
  const tabs = tabsOf(source);
  const buffers = source.passes.map((p) => p.name).filter((n): n is BufferName => n !== 'Image');
  const activePass = source.passes.find((p) => p.name === activeTab);
  const sourceDirty = sourceKey(source) !== savedKey;
  const dirty = sourceDirty || !sameMeta(meta, shader ? metaOf(shader) : props.initialMeta);

  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const onCodeChange = useCallback((tab: TabName, code: string) => {
    setSource((current) => withTabCode(current, tab, code));
  }, []);
  const initialCode = useCallback((tab: TabName) => tabCode(source, tab), [source]);

  const onSave = async (action: SaveAction) => {
    setMessage(null);
    const problem = metaProblem(meta);
    if (problem) return setMessage(problem);
    if (action === 'publish' && errors.length > 0)
      return setMessage('Fix the compile errors before publishing: the server renders exactly this code.');
    const outcome = await save.run({
      action,
      source: toShaderSource(source),
      sourceChanged: sourceDirty,
      meta,
      changeNote,
    });
    if (!outcome) return;
    setSavedKey(sourceKey(source));
    setMeta(metaOf(outcome.shader));
    setChangeNote('');
    setMessage(outcome.message);
    if (!shader)
      void navigate(`/s/${outcome.shader.id}/edit`, {
        replace: true,
        state: { sessionKey: props.sessionKey },
      });
  };

  const onImported = (imported: ShadertoyImport) => {
    setSource(fromShaderSource(imported.source));
    setGeneration((g) => g + 1);
    setActiveTab('Image');
    setMeta({
      title: imported.meta.title,
      description: imported.meta.description,
      tags: imported.meta.tags.join(', '),
    });
    setMessage(
      imported.warnings.length > 0
        ? `Imported, with substitutions: ${imported.warnings.join(' ')}`
        : 'Imported. Nothing is saved until you save it.',
    );
  };

  const addBuffer = () => {
    const next = withNextBuffer(source);
    if (!next) return;
    setSource(next.source);
    setActiveTab(next.added);
  };
  const removeBuffer = (name: BufferName) => {
    setSource((current) => withoutBuffer(current, name));
    // The code editor keeps one document per tab: start afresh so a re-added buffer is new.
    setGeneration((g) => g + 1);
    setActiveTab('Image');
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 's') {
      event.preventDefault();
      if (!cannotSave && !save.pending) void onSave('save');
    }
  };

  const tabId = (tab: TabName) => `${ids}-tab-${tab.replace(' ', '-')}`;
  const panelId = `${ids}-panel`;
  const saveError = save.error;

  const codeSide = (
    <div className="editor-code">
      <EditorTabs
        tabs={tabs}
        active={activeTab}
        onSelect={setActiveTab}
        errorCounts={errorCounts}
        panelId={panelId}
        tabId={tabId}
        canAddBuffer={buffers.length < BUFFER_NAMES.length}
        onAddBuffer={addBuffer}
      />
      <div className="editor-panel" role="tabpanel" id={panelId} aria-labelledby={tabId(activeTab)}>
        {activePass && (
          <div className="editor-pass-bar">
            <ChannelPicker
              pass={activePass.name}
              channels={activePass.channels}
              buffers={buffers}
              onChange={(channel, input) =>
                setSource((current) => withChannel(current, activePass.name, channel, input))
              }
            />
            {activePass.name !== 'Image' && (
              <button
                type="button"
                className="button button-quiet button-small button-danger"
                onClick={() => removeBuffer(activePass.name as BufferName)}
              >
                Remove {activePass.name}
              </button>
            )}
          </div>
        )}
        {activeTab === 'Common' && (
          <p className="muted editor-hint">Common code is pasted before every pass.</p>
        )}
        <CodeEditor
          key={generation}
          tab={activeTab}
          initialCode={initialCode}
          onChange={onCodeChange}
          errors={byTab.get(activeTab) ?? NO_ERRORS}
          labelledBy={tabId(activeTab)}
          jump={jump}
        />
        <p className="visually-hidden">In the code, Tab indents; press Escape then Tab to move on.</p>
      </div>
      <CompileErrors
        errors={errors}
        onJump={(tab, line) => {
          setActiveTab(tab);
          setJump({ line: line ?? 1 });
        }}
      />
    </div>
  );

  return (
    <section className="editor" aria-labelledby={`${ids}-heading`} onKeyDown={onKeyDown}>
      <title>{`${meta.title.trim() || 'New shader'} · Editor · Fractafrag`}</title>
      <h1 id={`${ids}-heading`} className="visually-hidden">
        {shader ? `Edit ${shader.title}` : 'New shader'}
      </h1>
      <EditorToolbar
        shader={shader}
        meta={meta}
        onMetaChange={setMeta}
        changeNote={changeNote}
        onChangeNoteChange={setChangeNote}
        cannotSave={cannotSave}
        dirty={dirty}
        pending={save.pending}
        onSave={(action) => void onSave(action)}
        onImport={() => setImportOpen(true)}
        loginHref={props.loginHref}
      />
      {(message || saveError) && (
        <p
          className={saveError ? 'editor-message error-message' : 'editor-message'}
          role={saveError ? 'alert' : 'status'}
          data-testid="editor-message"
        >
          {saveError ?? message}
        </p>
      )}
      <SplitPane
        label="Resize code and preview"
        start={codeSide}
        end={<LivePreview source={runtimeSource} onCompiled={setCompile} />}
      />
      <ImportDialog
        open={importOpen}
        onClose={() => setImportOpen(false)}
        onOpenInEditor={onImported}
        signedIn={cannotSave !== 'signed-out'}
      />
    </section>
  );
}
