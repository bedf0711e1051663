import { closeBrackets, closeBracketsKeymap } from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { bracketMatching, indentOnInput } from '@codemirror/language';
import { lintGutter, lintKeymap, setDiagnostics } from '@codemirror/lint';
import { highlightSelectionMatches, searchKeymap } from '@codemirror/search';
import { EditorState, type Extension } from '@codemirror/state';
import {
  drawSelection,
  EditorView,
  highlightActiveLine,
  highlightActiveLineGutter,
  keymap,
  lineNumbers,
} from '@codemirror/view';
import { useEffect, useRef } from 'react';
import { toDiagnostics, type TabError } from './editor-diagnostics.ts';
import type { TabName } from './editor-source.ts';
import { editorTheme } from './editor-theme.ts';
import { glsl } from './glsl-language.ts';

interface CodeEditorProps {
  /** The tab shown; each tab keeps its own document, undo history and selection. */
  tab: TabName;
  /** Code of a tab the first time it is shown. Remount (change `key`) to replace every document. */
  initialCode: (tab: TabName) => string;
  onChange: (tab: TabName, code: string) => void;
  errors: readonly TabError[];
  /** Id of the element naming the editor (the tab), for screen readers. */
  labelledBy: string;
  /** Moves the cursor to a line of the shown tab and focuses the editor; a new object each time. */
  jump: { line: number } | null;
}

function baseExtensions(labelledBy: string, onDocChanged: (code: string) => void): Extension {
  return [
    lineNumbers(),
    highlightActiveLineGutter(),
    lintGutter(),
    history(),
    drawSelection(),
    indentOnInput(),
    bracketMatching(),
    closeBrackets(),
    highlightActiveLine(),
    highlightSelectionMatches(),
    EditorState.tabSize.of(4),
    // Tab indents; Escape then Tab leaves the editor (CodeMirror's documented escape hatch).
    keymap.of([
      ...closeBracketsKeymap,
      ...defaultKeymap,
      ...searchKeymap,
      ...historyKeymap,
      ...lintKeymap,
      indentWithTab,
    ]),
    glsl(),
    editorTheme,
    EditorView.contentAttributes.of({ 'aria-labelledby': labelledBy, 'aria-multiline': 'true' }),
    EditorView.updateListener.of((update) => {
      if (update.docChanged) onDocChanged(update.state.doc.toString());
    }),
  ];
}

/** CodeMirror 6 for GLSL, one view whose document is swapped per tab, with lint marks per line. */
export function CodeEditor({ tab, initialCode, onChange, errors, labelledBy, jump }: CodeEditorProps) {
  const hostRef = useRef<HTMLDivElement>(null);
  const viewRef = useRef<EditorView | null>(null);
  const statesRef = useRef(new Map<TabName, EditorState>());
  const tabRef = useRef(tab);
  const onChangeRef = useRef(onChange);
  const initialCodeRef = useRef(initialCode);
  onChangeRef.current = onChange;
  initialCodeRef.current = initialCode;

  const stateFor = (name: TabName): EditorState =>
    statesRef.current.get(name) ??
    EditorState.create({
      doc: initialCodeRef.current(name),
      extensions: baseExtensions(labelledBy, (code) => onChangeRef.current(name, code)),
    });

  useEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    const view = new EditorView({ parent: host, state: stateFor(tabRef.current) });
    viewRef.current = view;
    const states = statesRef.current;
    return () => {
      states.set(tabRef.current, view.state);
      view.destroy();
      viewRef.current = null;
    };
    // The view lives as long as the component; tabs and errors are applied by the effects below.
  }, []);

  useEffect(() => {
    const view = viewRef.current;
    if (!view || tabRef.current === tab) return;
    statesRef.current.set(tabRef.current, view.state);
    tabRef.current = tab;
    view.setState(stateFor(tab));
  }, [tab]);

  useEffect(() => {
    const view = viewRef.current;
    if (!view) return;
    view.dispatch(setDiagnostics(view.state, toDiagnostics(view.state.doc, errors)));
  }, [errors, tab]);

  useEffect(() => {
    const view = viewRef.current;
    if (!view || !jump) return;
    const line = view.state.doc.line(Math.min(Math.max(jump.line, 1), view.state.doc.lines));
    view.dispatch({ selection: { anchor: line.from }, scrollIntoView: true });
    view.focus();
  }, [jump]);

  return <div className="code-editor" ref={hostRef} data-testid="code-editor" data-tab={tab} />;
}
