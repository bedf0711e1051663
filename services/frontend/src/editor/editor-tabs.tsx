import { useRef, type KeyboardEvent } from 'react';
import type { TabName } from './editor-source.ts';

interface EditorTabsProps {
  tabs: readonly TabName[];
  active: TabName;
  onSelect: (tab: TabName) => void;
  /** Error count per tab, shown as a badge. */
  errorCounts: ReadonlyMap<TabName, number>;
  panelId: string;
  tabId: (tab: TabName) => string;
  canAddBuffer: boolean;
  onAddBuffer: () => void;
}

/** ARIA tabs over Image, Common and the buffers; arrows, Home and End move between them. */
export function EditorTabs(props: EditorTabsProps) {
  const { tabs, active, onSelect, errorCounts, panelId, tabId, canAddBuffer, onAddBuffer } = props;
  const listRef = useRef<HTMLDivElement>(null);

  const focusTab = (tab: TabName) => {
    onSelect(tab);
    listRef.current?.querySelector<HTMLButtonElement>(`#${CSS.escape(tabId(tab))}`)?.focus();
  };
  const onKeyDown = (event: KeyboardEvent) => {
    const index = tabs.indexOf(active);
    const target: Record<string, number> = {
      ArrowRight: (index + 1) % tabs.length,
      ArrowLeft: (index - 1 + tabs.length) % tabs.length,
      Home: 0,
      End: tabs.length - 1,
    };
    const next = target[event.key];
    if (next === undefined) return;
    event.preventDefault();
    focusTab(tabs[next]!);
  };

  return (
    <div className="editor-tabs">
      <div
        className="editor-tablist"
        role="tablist"
        aria-label="Shader code"
        ref={listRef}
        onKeyDown={onKeyDown}
      >
        {tabs.map((tab) => {
          const errors = errorCounts.get(tab) ?? 0;
          return (
            <button
              key={tab}
              id={tabId(tab)}
              type="button"
              role="tab"
              className="editor-tab"
              aria-selected={tab === active}
              aria-controls={panelId}
              tabIndex={tab === active ? 0 : -1}
              data-testid={`editor-tab-${tab}`}
              onClick={() => onSelect(tab)}
            >
              {tab}
              {errors > 0 && (
                <span
                  className="tab-error-badge"
                  aria-label={`${errors} compile error${errors > 1 ? 's' : ''}`}
                >
                  {errors}
                </span>
              )}
            </button>
          );
        })}
      </div>
      {canAddBuffer && (
        <button type="button" className="button button-quiet button-small" onClick={onAddBuffer}>
          + Buffer
        </button>
      )}
    </div>
  );
}
