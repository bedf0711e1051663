/** One line of a unified diff: kept, removed (only in the old text) or added (only in the new). */
export interface DiffLine {
  kind: 'same' | 'removed' | 'added';
  text: string;
  /** 1-based line numbers in the old and new text; null on the side the line is absent from. */
  oldLine: number | null;
  newLine: number | null;
}

/** Beyond this many cells the LCS table would be too big: the middle is shown as replaced. */
const MAX_CELLS = 4_000_000;

/**
 * A line diff by longest common subsequence, after trimming the shared head and tail (an edit
 * usually touches a few lines of a long shader, so the table stays small).
 */
export function diffLines(oldText: string, newText: string): DiffLine[] {
  const a = oldText === '' ? [] : oldText.split('\n');
  const b = newText === '' ? [] : newText.split('\n');
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (
    tail < a.length - head &&
    tail < b.length - head &&
    a[a.length - 1 - tail] === b[b.length - 1 - tail]
  )
    tail++;

  const out: DiffLine[] = [];
  for (let i = 0; i < head; i++) out.push({ kind: 'same', text: a[i]!, oldLine: i + 1, newLine: i + 1 });

  const midA = a.slice(head, a.length - tail);
  const midB = b.slice(head, b.length - tail);
  const n = midA.length;
  const m = midB.length;
  const removed = (i: number): DiffLine => ({
    kind: 'removed',
    text: midA[i]!,
    oldLine: head + i + 1,
    newLine: null,
  });
  const added = (j: number): DiffLine => ({
    kind: 'added',
    text: midB[j]!,
    oldLine: null,
    newLine: head + j + 1,
  });

  if ((n + 1) * (m + 1) > MAX_CELLS) {
    for (let i = 0; i < n; i++) out.push(removed(i));
    for (let j = 0; j < m; j++) out.push(added(j));
  } else {
    // lcs[i][j] = length of the LCS of midA[i..] and midB[j..], stored row-major.
    const width = m + 1;
    const lcs = new Uint32Array((n + 1) * width);
    for (let i = n - 1; i >= 0; i--) {
      for (let j = m - 1; j >= 0; j--) {
        lcs[i * width + j] =
          midA[i] === midB[j]
            ? lcs[(i + 1) * width + j + 1]! + 1
            : Math.max(lcs[(i + 1) * width + j]!, lcs[i * width + j + 1]!);
      }
    }
    let i = 0;
    let j = 0;
    while (i < n && j < m) {
      if (midA[i] === midB[j]) {
        out.push({ kind: 'same', text: midA[i]!, oldLine: head + i + 1, newLine: head + j + 1 });
        i++;
        j++;
      } else if (lcs[(i + 1) * width + j]! >= lcs[i * width + j + 1]!) {
        out.push(removed(i++));
      } else {
        out.push(added(j++));
      }
    }
    while (i < n) out.push(removed(i++));
    while (j < m) out.push(added(j++));
  }

  for (let k = tail; k > 0; k--) {
    const oldIndex = a.length - k;
    const newIndex = b.length - k;
    out.push({ kind: 'same', text: a[oldIndex]!, oldLine: oldIndex + 1, newLine: newIndex + 1 });
  }
  return out;
}

export interface DiffHunk {
  lines: DiffLine[];
}

/** The changed lines with `context` unchanged lines around them, split where long runs are skipped. */
export function diffHunks(lines: DiffLine[], context = 3): DiffHunk[] {
  const keep = new Array<boolean>(lines.length).fill(false);
  lines.forEach((line, index) => {
    if (line.kind === 'same') return;
    for (let k = Math.max(0, index - context); k <= Math.min(lines.length - 1, index + context); k++)
      keep[k] = true;
  });
  const hunks: DiffHunk[] = [];
  let current: DiffLine[] | null = null;
  lines.forEach((line, index) => {
    if (!keep[index]) {
      current = null;
      return;
    }
    if (!current) {
      current = [];
      hunks.push({ lines: current });
    }
    current.push(line);
  });
  return hunks;
}
