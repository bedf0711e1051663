import { useId, useState, type KeyboardEvent } from 'react';
import type { ShaderSource } from '@fractafrag/contracts';

export interface CodeTab {
  name: string;
  code: string;
}

/** The tabs a reader sees: Common (when there is any), the buffers in order, then Image first. */
export function codeTabs(source: ShaderSource): CodeTab[] {
  const image = source.passes.find((pass) => pass.name === 'Image');
  const buffers = source.passes.filter((pass) => pass.name !== 'Image');
  return [
    ...(image ? [{ name: 'Image', code: image.code }] : []),
    ...(source.common.trim() ? [{ name: 'Common', code: source.common }] : []),
    ...buffers.map((pass) => ({ name: pass.name, code: pass.code })),
  ];
}

/** Read-only code of every pass and Common, with line numbers, one tab at a time. */
export function CodeView({ source }: { source: ShaderSource }) {
  const tabs = codeTabs(source);
  const [selected, setSelected] = useState(tabs[0]?.name ?? 'Image');
  const baseId = useId();
  const tabId = (name: string) => `${baseId}-tab-${name.replace(/\s+/g, '-')}`;
  const active = tabs.find((tab) => tab.name === selected) ?? tabs[0];
  if (!active) return null;

  const onKeyDown = (event: KeyboardEvent) => {
    const index = tabs.findIndex((tab) => tab.name === active.name);
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (!step) return;
    event.preventDefault();
    const next = tabs[(index + step + tabs.length) % tabs.length]!;
    setSelected(next.name);
    document.getElementById(tabId(next.name))?.focus();
  };

  return (
    <div className="code-view" data-testid="code-view">
      <div className="code-tabs" role="tablist" aria-label="Passes" onKeyDown={onKeyDown}>
        {tabs.map((tab) => (
          <button
            key={tab.name}
            id={tabId(tab.name)}
            type="button"
            role="tab"
            aria-selected={tab.name === active.name}
            aria-controls={`${baseId}-panel`}
            tabIndex={tab.name === active.name ? 0 : -1}
            className="code-tab"
            onClick={() => setSelected(tab.name)}
          >
            {tab.name}
          </button>
        ))}
      </div>
      <div
        id={`${baseId}-panel`}
        role="tabpanel"
        aria-labelledby={tabId(active.name)}
        className="code-panel"
        tabIndex={0}
      >
        <pre className="code" data-testid="code-text">
          {active.code.split('\n').map((line, index) => (
            <span className="code-line" key={index}>
              <span className="line-number" aria-hidden="true">
                {index + 1}
              </span>
              {line}
              {'\n'}
            </span>
          ))}
        </pre>
      </div>
    </div>
  );
}
