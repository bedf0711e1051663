import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Titles, descriptions, comments, desires and profiles are user text: React renders them as text
 * nodes. Any API that parses a string as HTML would turn such text into markup (and scripts), so
 * none may appear in the frontend outside this allow-list, each entry with the reason it is safe.
 */
const ALLOWED: Record<string, string> = {};

const HTML_SINKS: Record<string, RegExp> = {
  dangerouslySetInnerHTML: /dangerouslySetInnerHTML/,
  innerHTML: /\.innerHTML\b|\binnerHTML\s*[:=]/,
  outerHTML: /\.outerHTML\b/,
  insertAdjacentHTML: /\binsertAdjacentHTML\b/,
  'document.write': /\bdocument\s*\.\s*write(ln)?\s*\(/,
  createContextualFragment: /\bcreateContextualFragment\b/,
  'iframe srcdoc': /\bsrcdoc\b|\bsrcDoc\b/,
  DOMParser: /\bDOMParser\b/,
};

const SRC = path.resolve(import.meta.dirname, '../src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.(tsx?|jsx?|html)$/.test(entry.name) ? [full] : [];
  });
}

/** Each use of an HTML sink in `text`, as "sink (line n)". */
function htmlSinksIn(text: string): string[] {
  return text.split('\n').flatMap((line, i) =>
    Object.entries(HTML_SINKS)
      .filter(([, pattern]) => pattern.test(line))
      .map(([sink]) => `${sink} (line ${i + 1})`),
  );
}

describe('user text is never parsed as HTML in the frontend', () => {
  it('finds every kind of HTML sink it looks for', () => {
    const planted = [
      '<div dangerouslySetInnerHTML={{ __html: title }} />',
      'el.innerHTML = comment;',
      'node.outerHTML = x;',
      "el.insertAdjacentHTML('beforeend', x);",
      'document.write(x);',
      'range.createContextualFragment(x);',
      '<iframe srcDoc={x} />',
      "new DOMParser().parseFromString(x, 'text/html');",
    ].join('\n');
    expect(htmlSinksIn(planted).map((s) => s.replace(/ \(line \d+\)$/, ''))).toEqual(Object.keys(HTML_SINKS));
    expect(htmlSinksIn('const title = shader.title; <h1>{title}</h1>')).toEqual([]);
  });

  it('uses no HTML sink in services/frontend/src outside the allow-list', () => {
    const files = sourceFiles(SRC);
    expect(files.length).toBeGreaterThan(20);
    const found = files.flatMap((file) => {
      const relative = path.relative(SRC, file);
      if (relative in ALLOWED) return [];
      return htmlSinksIn(readFileSync(file, 'utf8')).map((sink) => `${relative}: ${sink}`);
    });
    expect(found).toEqual([]);
  });

  it('keeps no stale allow-list entries', () => {
    for (const file of Object.keys(ALLOWED)) {
      expect(htmlSinksIn(readFileSync(path.join(SRC, file), 'utf8')).length, file).toBeGreaterThan(0);
    }
  });
});
