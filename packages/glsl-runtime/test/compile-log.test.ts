import { describe, expect, it } from 'vitest';
import { parseCompileLog } from '../src/compile-log.ts';
import type { ShaderSource } from '../src/types.ts';
import { wrapPassSource } from '../src/wrap.ts';

const code = [
  'void mainImage(out vec4 c, in vec2 p) {',
  '  float k = 1.0;',
  '  c = vec4(undefinedThing);',
  '}',
].join('\n');

describe('parseCompileLog', () => {
  it('reports an ANGLE error on the author line, without Common', () => {
    const source: ShaderSource = { passes: [{ name: 'Image', code }] };
    const wrapped = wrapPassSource(source, 'Image');
    const log = `ERROR: 0:${wrapped.userLineOffset + 3}: 'undefinedThing' : undeclared identifier\n`;
    expect(parseCompileLog(log, wrapped, 'Image')).toEqual([
      { pass: 'Image', line: 3, message: "'undefinedThing' : undeclared identifier" },
    ]);
  });

  it('subtracts Common from pass lines and reports Common lines as Common', () => {
    const source: ShaderSource = {
      common: 'float a = 1.0;\nfloat b = ;\n',
      passes: [{ name: 'Buffer A', code }],
    };
    const wrapped = wrapPassSource(source, 'Buffer A');
    const log = [
      `ERROR: 0:${wrapped.commonLineOffset + 2}: ';' : syntax error`,
      `ERROR: 0:${wrapped.userLineOffset + 3}: 'undefinedThing' : undeclared identifier`,
    ].join('\n');
    expect(parseCompileLog(log, wrapped, 'Buffer A')).toEqual([
      { pass: 'Common', line: 2, message: "';' : syntax error" },
      { pass: 'Buffer A', line: 3, message: "'undefinedThing' : undeclared identifier" },
    ]);
  });

  it('drops glslang summary lines and repeated errors', () => {
    const source: ShaderSource = { passes: [{ name: 'Image', code }] };
    const wrapped = wrapPassSource(source, 'Image');
    const line = wrapped.userLineOffset + 3;
    const log = [
      'stdin',
      `ERROR: 0:${line}: 'undefinedThing' : undeclared identifier `,
      `ERROR: 0:${line}: 'undefinedThing' : undeclared identifier `,
      `ERROR: 0:${line}: '' : compilation terminated `,
      'ERROR: 2 compilation errors.  No code generated.',
      `WARNING: 0:${line}: something harmless`,
    ].join('\n');
    expect(parseCompileLog(log, wrapped, 'Image')).toEqual([
      { pass: 'Image', line: 3, message: "'undefinedThing' : undeclared identifier" },
    ]);
  });

  it('has no user line for errors in the generated main() after the code', () => {
    const source: ShaderSource = {
      passes: [{ name: 'Image', code: 'float notMainImage() { return 1.0; }' }],
    };
    const wrapped = wrapPassSource(source, 'Image');
    const log = `ERROR: 0:${wrapped.userLineOffset + 4}: 'mainImage' : no matching overloaded function found`;
    expect(parseCompileLog(log, wrapped, 'Image')).toEqual([
      {
        pass: 'Image',
        line: null,
        message: "after the end of your code: 'mainImage' : no matching overloaded function found",
      },
    ]);
  });

  it('keeps an error without a location, with no line', () => {
    const wrapped = wrapPassSource({ passes: [{ name: 'Image', code }] }, 'Image');
    expect(parseCompileLog('ERROR: too many uniforms', wrapped, 'Image')).toEqual([
      { pass: 'Image', line: null, message: 'too many uniforms' },
    ]);
  });
});
