import { describe, expect, it } from 'vitest';
import { diffHunks, diffLines } from '../src/shader/line-diff.ts';

const render = (oldText: string, newText: string) =>
  diffLines(oldText, newText).map(
    (l) => `${l.kind === 'added' ? '+' : l.kind === 'removed' ? '-' : ' '}${l.text}`,
  );

describe('diffLines', () => {
  it('marks identical texts as unchanged with both line numbers', () => {
    expect(diffLines('a\nb', 'a\nb')).toEqual([
      { kind: 'same', text: 'a', oldLine: 1, newLine: 1 },
      { kind: 'same', text: 'b', oldLine: 2, newLine: 2 },
    ]);
  });

  it('shows a changed line as removed then added, keeping the lines around it', () => {
    expect(render('a\nb\nc', 'a\nB\nc')).toEqual([' a', '-b', '+B', ' c']);
  });

  it('numbers added and removed lines on their own side only', () => {
    const lines = diffLines('a\nc', 'a\nb\nc');
    expect(lines[1]).toEqual({ kind: 'added', text: 'b', oldLine: null, newLine: 2 });
    expect(lines[2]).toEqual({ kind: 'same', text: 'c', oldLine: 2, newLine: 3 });
  });

  it('finds the longest common run when lines move', () => {
    expect(render('x\na\nb\nc', 'a\nb\nc\nx')).toEqual(['-x', ' a', ' b', ' c', '+x']);
  });

  it('treats an empty side as all added or all removed', () => {
    expect(render('', 'a\nb')).toEqual(['+a', '+b']);
    expect(render('a', '')).toEqual(['-a']);
  });
});

describe('diffHunks', () => {
  it('keeps only changed lines with their context and splits distant changes', () => {
    const old = Array.from({ length: 20 }, (_, i) => `line ${i}`).join('\n');
    const changed = old.replace('line 2\n', 'LINE 2\n').replace('line 17', 'LINE 17');
    const hunks = diffHunks(diffLines(old, changed), 1);
    expect(hunks).toHaveLength(2);
    expect(hunks[0]!.lines.map((l) => l.text)).toEqual(['line 1', 'line 2', 'LINE 2', 'line 3']);
    expect(hunks[1]!.lines.map((l) => l.text)).toEqual(['line 16', 'line 17', 'LINE 17', 'line 18']);
  });
});
