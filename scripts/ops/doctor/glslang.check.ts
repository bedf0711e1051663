import { execFile } from 'node:child_process';
import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import {
  createGlslangPrecheck,
  type ShaderPrecheck,
} from '../../../services/renderer/src/glslang-precheck.ts';
import { errorMessage, fail, ok, type CheckResult } from './check.ts';

export interface GlslangCheckInput {
  /** The validator the renderer runs (GLSLANG_VALIDATOR_PATH: a name on PATH or a path). */
  binary?: string;
  /** PATH to search, the doctor's own by default. */
  searchPath?: string;
}

type ShaderSource = Parameters<ShaderPrecheck>[0];
const imageOnly = (code: string): ShaderSource => ({ passes: [{ name: 'Image', code, channels: [] }] });
const VALID =
  'void mainImage(out vec4 c, in vec2 p) { c = vec4(p / iResolution.xy, 0.5 + 0.5 * sin(iTime), 1.0); }\n';
const BROKEN = 'void mainImage(out vec4 c, in vec2 p) {\n  c = vec4(undefinedName);\n}\n';

/** The executable a bare name resolves to on PATH (or the path itself), or null. */
export async function findExecutable(
  name: string,
  searchPath = process.env.PATH ?? '',
): Promise<string | null> {
  const candidates = name.includes('/')
    ? [name]
    : searchPath
        .split(path.delimiter)
        .filter((dir) => dir !== '')
        .map((dir) => path.join(dir, name));
  for (const candidate of candidates) {
    try {
      await access(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here; try the next folder
    }
  }
  return null;
}

/**
 * The renderer compiles every pass with glslangValidator (under prlimit) before it reaches
 * Chromium; without it every shader is refused. Runs the renderer's own pre-check on a shader that
 * compiles and one that does not.
 */
export async function checkGlslang(input: GlslangCheckInput = {}): Promise<CheckResult[]> {
  const binary = input.binary ?? 'glslangValidator';
  const found = await findExecutable(binary, input.searchPath);
  if (!found) {
    return [
      fail(
        'glslangValidator',
        `${binary} not found${binary.includes('/') ? '' : ' on PATH'}`,
        'apt-get install glslang-tools (make bootstrap does)',
      ),
    ];
  }
  if (!(await findExecutable('prlimit', input.searchPath))) {
    return [
      fail(
        'glslangValidator',
        'prlimit not found on PATH (the pre-check runs the validator under it)',
        'apt-get install util-linux',
      ),
    ];
  }
  const { stdout } = await promisify(execFile)(found, ['--version'], { timeout: 5000 });
  const version = /Glslang Version:\s*(\S+)/.exec(stdout)?.[1] ?? 'unknown version';
  const precheck = createGlslangPrecheck({ binary: found });
  try {
    const validErrors = await precheck(imageOnly(VALID));
    const brokenErrors = await precheck(imageOnly(BROKEN));
    const reportsLine = brokenErrors.some((e) => e.line === 2 && e.message.includes('undefinedName'));
    if (validErrors.length > 0 || !reportsLine) {
      return [
        fail(
          'glslangValidator',
          `${found} (${version}) misjudges shaders: a valid one gave ${JSON.stringify(validErrors)}, a broken one ${JSON.stringify(brokenErrors)}`,
          'reinstall it: apt-get install --reinstall glslang-tools',
        ),
      ];
    }
  } catch (err) {
    return [
      fail(
        'glslangValidator',
        `${found} could not be run: ${errorMessage(err)}`,
        'apt-get install --reinstall glslang-tools',
      ),
    ];
  }
  return [
    ok(
      'glslangValidator',
      `${found} (${version}) compiles a valid shader and reports a broken one on its line`,
    ),
  ];
}
