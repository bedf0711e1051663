import { Text } from '@codemirror/state';
import { describe, expect, it } from 'vitest';
import { errorsByTab, toDiagnostics } from '../src/editor/editor-diagnostics.ts';
import {
  fromShaderSource,
  newEditorSource,
  tabsOf,
  toShaderSource,
  withChannel,
  withNextBuffer,
  withoutBuffer,
  withTabCode,
} from '../src/editor/editor-source.ts';
import { metaProblem, parseTags, sameMeta } from '../src/editor/shader-meta.ts';

const doc = Text.of(['void mainImage(out vec4 c, in vec2 p)', '{', '    c = vec4(brightness);', '}']);

describe('compile errors as CodeMirror diagnostics', () => {
  it('underlines the quoted identifier on the line the compiler names', () => {
    const [d] = toDiagnostics(doc, [{ line: 3, message: "'brightness' : undeclared identifier" }]);
    const line3 = doc.line(3);
    expect(d).toMatchObject({ severity: 'error', from: line3.from + 13, to: line3.from + 23 });
    expect(d?.message).toBe("Line 3: 'brightness' : undeclared identifier");
  });

  it('marks the whole line after its indentation when the message names no token on it', () => {
    const [d] = toDiagnostics(doc, [{ line: 3, message: 'syntax error' }]);
    expect(d).toMatchObject({ from: doc.line(3).from + 4, to: doc.line(3).to });
  });

  it('puts an error without a line on line 1 and clamps lines past the end to the last', () => {
    const [first, last] = toDiagnostics(doc, [
      { line: null, message: 'link failed' },
      { line: 99, message: 'unexpected end' },
    ]);
    expect(first).toMatchObject({ from: 0, message: 'link failed' });
    expect(last?.from).toBeGreaterThanOrEqual(doc.line(4).from);
    expect(last?.to).toBe(doc.line(4).to);
  });

  it('groups errors by the tab they belong to, Common included', () => {
    const byTab = errorsByTab([
      { pass: 'Common', line: 2, message: 'a' },
      { pass: 'Buffer A', line: 5, message: 'b' },
      { pass: 'Buffer A', line: 6, message: 'c' },
    ]);
    expect(byTab.get('Common')).toEqual([{ line: 2, message: 'a' }]);
    expect(byTab.get('Buffer A')?.map((e) => e.line)).toEqual([5, 6]);
    expect(byTab.has('Image')).toBe(false);
  });
});

describe('the source being edited', () => {
  it('starts with one Image pass and shows Image then Common tabs', () => {
    const source = newEditorSource();
    expect(source.passes.map((p) => p.name)).toEqual(['Image']);
    expect(tabsOf(source)).toEqual(['Image', 'Common']);
  });

  it('adds buffers in order, each reading its own previous frame, up to Buffer D', () => {
    let source = newEditorSource();
    const added: string[] = [];
    for (let i = 0; i < 4; i++) {
      const next = withNextBuffer(source)!;
      added.push(next.added);
      source = next.source;
    }
    expect(added).toEqual(['Buffer A', 'Buffer B', 'Buffer C', 'Buffer D']);
    expect(source.passes.map((p) => p.name)).toEqual([
      'Buffer A',
      'Buffer B',
      'Buffer C',
      'Buffer D',
      'Image',
    ]);
    expect(source.passes[1]?.channels).toEqual([{ kind: 'buffer', pass: 'Buffer B' }]);
    expect(withNextBuffer(source)).toBeNull();
  });

  it('unbinds every channel that read a removed buffer', () => {
    let source = withNextBuffer(newEditorSource())!.source;
    source = withChannel(source, 'Image', 2, { kind: 'buffer', pass: 'Buffer A' });
    source = withChannel(source, 'Image', 0, { kind: 'texture', name: 'gray-noise-256' });
    const removed = withoutBuffer(source, 'Buffer A');
    expect(removed.passes.map((p) => p.name)).toEqual(['Image']);
    expect(toShaderSource(removed).passes[0]?.channels).toEqual([
      { kind: 'texture', name: 'gray-noise-256' },
    ]);
  });

  it('sends the API shape: trailing unbound channels dropped, inner ones null', () => {
    let source = withChannel(newEditorSource(), 'Image', 1, { kind: 'texture', name: 'rgba-noise-256' });
    source = withTabCode(source, 'Common', 'float k = 1.0;');
    const api = toShaderSource(source);
    expect(api.common).toBe('float k = 1.0;');
    expect(api.passes[0]?.channels).toEqual([null, { kind: 'texture', name: 'rgba-noise-256' }]);
  });

  it('orders passes loaded from the API as Shadertoy does, Image last', () => {
    const source = fromShaderSource({
      passes: [
        { name: 'Image', code: 'i' },
        { name: 'Buffer B', code: 'b' },
        { name: 'Buffer A', code: 'a' },
      ],
    });
    expect(tabsOf(source)).toEqual(['Image', 'Common', 'Buffer A', 'Buffer B']);
    expect(source.common).toBe('');
  });
});

describe('title and tags in the editor form', () => {
  it('normalises tags: lower case, split on commas or spaces, once each', () => {
    expect(parseTags(' Neon, Ray-March  neon,,')).toEqual(['neon', 'ray-march']);
  });

  it('says what to fix before sending', () => {
    expect(metaProblem({ title: '  ', description: '', tags: '' })).toBe('Give your shader a title.');
    expect(metaProblem({ title: 'ok', description: '', tags: 'néon' })).toMatch(/"néon" may use only a-z/);
    expect(metaProblem({ title: 'ok', description: '', tags: 'a b c d e f g h i j k' })).toBe(
      'Use at most 10 tags.',
    );
    expect(metaProblem({ title: 'ok', description: '', tags: 'neon' })).toBeNull();
  });

  it('treats the same title and tags in another spelling as unchanged', () => {
    expect(
      sameMeta(
        { title: 'A ', description: 'd', tags: 'x, y' },
        { title: 'A', description: 'd', tags: 'x y' },
      ),
    ).toBe(true);
  });
});
