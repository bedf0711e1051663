import type { ShaderSource } from '@fractafrag/contracts';
import { codeTabs } from './code-view.tsx';
import { diffHunks, diffLines } from './line-diff.ts';

interface TabDiff {
  name: string;
  hunks: ReturnType<typeof diffHunks>;
  added: number;
  removed: number;
}

function tabDiffs(from: ShaderSource, to: ShaderSource): TabDiff[] {
  const before = new Map(codeTabs(from).map((tab) => [tab.name, tab.code]));
  const after = new Map(codeTabs(to).map((tab) => [tab.name, tab.code]));
  const names = [...new Set([...after.keys(), ...before.keys()])];
  return names.flatMap((name) => {
    const lines = diffLines(before.get(name) ?? '', after.get(name) ?? '');
    const added = lines.filter((l) => l.kind === 'added').length;
    const removed = lines.filter((l) => l.kind === 'removed').length;
    return added + removed === 0 ? [] : [{ name, hunks: diffHunks(lines), added, removed }];
  });
}

/** A unified line diff of every pass (and Common) between two sources. */
export function SourceDiff({ from, to }: { from: ShaderSource; to: ShaderSource }) {
  const diffs = tabDiffs(from, to);
  if (diffs.length === 0) return <p className="muted">The code is identical.</p>;
  return (
    <div className="source-diff" data-testid="source-diff">
      {diffs.map((diff) => (
        <section key={diff.name} className="diff-file" aria-label={`Changes in ${diff.name}`}>
          <h4>
            {diff.name}{' '}
            <span className="diff-stat">
              <span className="diff-added-count">+{diff.added}</span>{' '}
              <span className="diff-removed-count">−{diff.removed}</span>
            </span>
          </h4>
          <pre className="code diff-code">
            {diff.hunks.map((hunk, h) => (
              <span key={h} className="diff-hunk">
                {h > 0 ? <span className="diff-gap">⋯{'\n'}</span> : null}
                {hunk.lines.map((line, i) => (
                  <span key={i} className={`diff-line diff-${line.kind}`}>
                    <span className="line-number" aria-hidden="true">
                      {line.oldLine ?? ''}
                    </span>
                    <span className="line-number" aria-hidden="true">
                      {line.newLine ?? ''}
                    </span>
                    <span className="diff-sign">
                      {line.kind === 'added' ? '+' : line.kind === 'removed' ? '−' : ' '}
                    </span>
                    {line.text}
                    {'\n'}
                  </span>
                ))}
              </span>
            ))}
          </pre>
        </section>
      ))}
    </div>
  );
}
