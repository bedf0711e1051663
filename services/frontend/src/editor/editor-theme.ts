import { EditorView } from '@codemirror/view';

/** Dark editor chrome matching the app's palette (styles.css custom properties). */
export const editorTheme = EditorView.theme(
  {
    '&': {
      height: '100%',
      color: 'var(--text)',
      backgroundColor: '#0d1017',
      fontSize: '13.5px',
    },
    '&.cm-focused': { outline: 'none' },
    '.cm-scroller': {
      fontFamily: "ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace",
      lineHeight: '1.55',
    },
    '.cm-content': { caretColor: 'var(--accent-2)' },
    '.cm-cursor, .cm-dropCursor': { borderLeftColor: 'var(--accent-2)' },
    '&.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground, .cm-selectionBackground, .cm-content ::selection':
      { backgroundColor: 'rgb(139 123 255 / 0.35)' },
    '.cm-gutters': {
      backgroundColor: '#0d1017',
      color: '#5b6378',
      borderRight: '1px solid var(--border)',
    },
    '.cm-activeLine': { backgroundColor: 'rgb(255 255 255 / 0.035)' },
    '.cm-activeLineGutter': { backgroundColor: 'rgb(255 255 255 / 0.05)', color: 'var(--text)' },
    '.cm-matchingBracket': { backgroundColor: 'rgb(34 211 238 / 0.2)', outline: 'none' },
    '.cm-tooltip': {
      backgroundColor: 'var(--surface-raised)',
      border: '1px solid var(--border)',
      color: 'var(--text)',
    },
    '.cm-diagnostic-error': { borderLeftColor: 'var(--danger)' },
    '.cm-lintRange-error': {
      backgroundImage: 'none',
      textDecoration: 'underline wavy var(--danger)',
      textUnderlineOffset: '3px',
    },
    '.cm-panels': { backgroundColor: 'var(--surface)', color: 'var(--text)' },
    '.cm-panels input, .cm-panels button': { font: 'inherit' },
  },
  { dark: true },
);
