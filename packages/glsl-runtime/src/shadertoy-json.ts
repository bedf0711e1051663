import {
  PASS_ORDER,
  type BufferName,
  type BuiltinTextureName,
  type ChannelInput,
  type PassName,
} from './types.ts';
import {
  BUILTIN_TO_SHADERTOY,
  bufferFromOutputId,
  TEXTURES,
  UNSUPPORTED_INPUTS,
  type KnownTexture,
} from './shadertoy-media.ts';

/**
 * Shadertoy JSON ⇄ our shader source, without any I/O (export lives in shadertoy-export.ts).
 *
 * Import accepts the API's `{"Shader":{ver, info, renderpass}}` (inputs carry `ctype`/`src`), the
 * site's bare array `[{ver, info, renderpass}]` (inputs carry `type`/`filepath`) and a bare
 * `{info, renderpass}` object. Passes may come in any order: a buffer pass is identified by its
 * output id and inputs are wired by that id, never by position.
 *
 * Textures: Shadertoy's "RGBA Noise Medium" and "Gray Noise Medium" (256×256) map to our
 * `rgba-noise-256` / `gray-noise-256`. Fallback for every other texture: single-channel ones
 * (Gray Noise Small, Bayer, Blue Noise) become `gray-noise-256`, all others `rgba-noise-256`, and a
 * warning names the substitution. Sound, cubemap, video, webcam, keyboard, music and volume inputs,
 * and Sound/Cubemap passes, are refused with one error each.
 */

export { SHADERTOY_BUFFER_IDS } from './shadertoy-media.ts';
export * from './shadertoy-export.ts';

export interface ShadertoyMeta {
  title: string;
  description: string;
  tags: string[];
  /** Shadertoy's own id and author, when the JSON carries them. */
  shadertoyId: string | null;
  username: string | null;
}

export interface ShadertoyImport {
  meta: ShadertoyMeta;
  source: {
    common: string;
    passes: { name: PassName; code: string; channels: (ChannelInput | null)[] }[];
  };
  /** What was substituted (textures, sampler settings); the import still succeeded. */
  warnings: string[];
}

export interface ShadertoyIssue {
  /** Where in the JSON, e.g. `renderpass[1].inputs[0]`. */
  path: string;
  message: string;
}

/** Thrown when the JSON cannot be imported; `issues` lists every problem found, not only the first. */
export class ShadertoyImportError extends Error {
  readonly issues: ShadertoyIssue[];
  constructor(issues: ShadertoyIssue[]) {
    super(
      issues.length === 1
        ? issues[0]!.message
        : `${issues.length} problems: ${issues.map((i) => i.message).join('; ')}`,
    );
    this.name = 'ShadertoyImportError';
    this.issues = issues;
  }
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const idOf = (v: unknown): string | undefined =>
  typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;

/** Unwraps either Shadertoy shape to its `{ info, renderpass }` object. */
function unwrap(json: unknown): Json {
  if (Array.isArray(json)) {
    if (json.length !== 1 || !isObject(json[0])) {
      throw new ShadertoyImportError([
        {
          path: '',
          message:
            json.length === 0
              ? 'the JSON array is empty: expected one shader, [{ "info": …, "renderpass": […] }]'
              : `the JSON array holds ${json.length} entries: import one shader at a time`,
        },
      ]);
    }
    return json[0];
  }
  if (isObject(json) && isObject(json.Shader)) return json.Shader;
  if (isObject(json) && Array.isArray(json.renderpass)) return json;
  const apiError = isObject(json) ? str(json.Error) : undefined;
  throw new ShadertoyImportError([
    {
      path: '',
      message: apiError
        ? `this is a Shadertoy error reply ("${apiError}"), not a shader`
        : 'not Shadertoy JSON: expected {"Shader":{"info":…,"renderpass":[…]}} or [{"info":…,"renderpass":[…]}]',
    },
  ]);
}

function bufferFromName(name: string | undefined): BufferName | undefined {
  const m = /^buf(?:fer)?\s*([a-d])$/i.exec(name?.trim() ?? '');
  return m ? (`Buffer ${m[1]!.toUpperCase()}` as BufferName) : undefined;
}

function findTexture(input: Json): KnownTexture | undefined {
  const file = str(input.src) ?? str(input.filepath) ?? '';
  const hash = /([0-9a-f]{64})(?:_\d+)?\.\w+$/i.exec(file)?.[1]?.toLowerCase();
  const id = idOf(input.id);
  return TEXTURES.find((t) => t.hash === hash || t.id === id);
}

function sanitizeTags(raw: unknown, warnings: string[]): string[] {
  if (!Array.isArray(raw)) return [];
  const tags = new Set<string>();
  for (const t of raw) {
    if (typeof t !== 'string') continue;
    const tag = t
      .trim()
      .toLowerCase()
      .replace(/[^a-z0-9-]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 32);
    if (tag) tags.add(tag);
  }
  const list = [...tags];
  if (list.length > 10) warnings.push(`kept the first 10 of ${list.length} tags`);
  return list.slice(0, 10);
}

interface PassDraft {
  index: number;
  name: PassName;
  code: string;
  inputs: unknown[];
}

/** Converts Shadertoy JSON (either shape) into our source; throws ShadertoyImportError listing every problem. */
export function importShadertoy(json: unknown): ShadertoyImport {
  const shader = unwrap(json);
  const issues: ShadertoyIssue[] = [];
  const warnings: string[] = [];
  const info = isObject(shader.info) ? shader.info : {};
  const renderpass = Array.isArray(shader.renderpass) ? shader.renderpass : [];
  if (renderpass.length === 0) {
    throw new ShadertoyImportError([{ path: 'renderpass', message: 'renderpass is missing or empty' }]);
  }

  let common = '';
  let sawCommon = false;
  const passes = new Map<PassName, PassDraft>();
  renderpass.forEach((raw, index) => {
    const path = `renderpass[${index}]`;
    if (!isObject(raw)) {
      issues.push({ path, message: `${path} is not an object` });
      return;
    }
    const type = (str(raw.type) ?? '').toLowerCase();
    const code = str(raw.code) ?? '';
    const label = str(raw.name) ?? type;
    if (type === 'common') {
      if (sawCommon) issues.push({ path, message: 'more than one Common pass' });
      sawCommon = true;
      common = code;
      return;
    }
    if (type === 'sound' || type === 'cubemap') {
      issues.push({
        path,
        message:
          type === 'sound'
            ? `the "${label}" pass is a Sound pass, which Fractafrag does not support: remove the Sound tab and import again`
            : `the "${label}" pass renders a cubemap (Cube A), which Fractafrag does not support: remove it and import again`,
      });
      return;
    }
    let name: PassName | undefined;
    if (type === 'image') name = 'Image';
    else if (type === 'buffer') {
      const outputs = Array.isArray(raw.outputs) ? raw.outputs : [];
      const outId = idOf(isObject(outputs[0]) ? outputs[0].id : undefined);
      name = bufferFromOutputId(outId) ?? bufferFromName(str(raw.name));
      if (!name) {
        issues.push({
          path,
          message: `cannot tell which buffer the pass "${label}" is: its output id ${outId ?? '(none)'} is not one of Shadertoy's Buffer A–D ids`,
        });
        return;
      }
    } else {
      issues.push({
        path,
        message: `the pass "${label}" has unknown type "${type}" (expected image, buffer or common)`,
      });
      return;
    }
    if (passes.has(name)) {
      issues.push({ path, message: `${name} appears twice` });
      return;
    }
    if (!code.trim()) issues.push({ path: `${path}.code`, message: `the ${name} pass has no code` });
    passes.set(name, { index, name, code, inputs: Array.isArray(raw.inputs) ? raw.inputs : [] });
  });
  if (!passes.has('Image')) {
    issues.push({ path: 'renderpass', message: 'there is no Image pass (type "image")' });
  }

  const ordered = PASS_ORDER.flatMap((n) => {
    const p = passes.get(n);
    return p ? [p] : [];
  });
  const result = ordered.map((pass) => ({
    name: pass.name,
    code: pass.code,
    channels: wireChannels(pass, passes, issues, warnings),
  }));
  if (issues.length > 0) throw new ShadertoyImportError(issues);

  return {
    meta: {
      title: (str(info.name)?.trim() || 'Untitled Shadertoy import').slice(0, 120),
      description: (str(info.description) ?? '').slice(0, 5000),
      tags: sanitizeTags(info.tags, warnings),
      shadertoyId: str(info.id) ?? null,
      username: str(info.username) ?? null,
    },
    source: { common, passes: result },
    warnings,
  };
}

function wireChannels(
  pass: PassDraft,
  passes: Map<PassName, PassDraft>,
  issues: ShadertoyIssue[],
  warnings: string[],
): (ChannelInput | null)[] {
  const channels: (ChannelInput | null)[] = [];
  pass.inputs.forEach((raw, i) => {
    const path = `renderpass[${pass.index}].inputs[${i}]`;
    if (!isObject(raw)) return;
    const channel = Number(raw.channel);
    const where = `${pass.name}, iChannel${channel}`;
    if (!Number.isInteger(channel) || channel < 0 || channel > 3) {
      issues.push({ path, message: `${pass.name}: input channel ${String(raw.channel)} is not 0–3` });
      return;
    }
    if (channels[channel]) {
      issues.push({ path, message: `${where} is bound twice` });
      return;
    }
    const kind = (str(raw.ctype) ?? str(raw.type) ?? '').toLowerCase();
    const bound = resolveInput(kind, raw, where, passes, path, issues, warnings);
    if (!bound) return;
    while (channels.length < channel) channels.push(null);
    channels[channel] = bound;
  });
  return channels;
}

function resolveInput(
  kind: string,
  input: Json,
  where: string,
  passes: Map<PassName, PassDraft>,
  path: string,
  issues: ShadertoyIssue[],
  warnings: string[],
): ChannelInput | undefined {
  if (kind in UNSUPPORTED_INPUTS) {
    issues.push({
      path,
      message: `${where}: ${UNSUPPORTED_INPUTS[kind]} is not supported by Fractafrag; unbind it in Shadertoy and import again`,
    });
    return undefined;
  }
  if (kind === 'buffer') {
    const file = str(input.src) ?? str(input.filepath) ?? '';
    const fromFile = /buffer0([0-3])\.png$/.exec(file)?.[1];
    const buffer =
      bufferFromOutputId(idOf(input.id)) ??
      (fromFile === undefined ? undefined : (PASS_ORDER[Number(fromFile)] as BufferName));
    if (!buffer) {
      issues.push({
        path,
        message: `${where}: buffer input id ${idOf(input.id) ?? '(none)'} matches no Buffer A–D output id`,
      });
      return undefined;
    }
    if (!passes.has(buffer)) {
      issues.push({ path, message: `${where} reads ${buffer}, which this JSON does not contain` });
      return undefined;
    }
    checkSampler(input, where, 'linear', 'clamp', warnings);
    return { kind: 'buffer', pass: buffer };
  }
  if (kind === 'texture') {
    const known = findTexture(input);
    let name: BuiltinTextureName;
    if (known === BUILTIN_TO_SHADERTOY['rgba-noise-256']) name = 'rgba-noise-256';
    else if (known === BUILTIN_TO_SHADERTOY['gray-noise-256']) name = 'gray-noise-256';
    else {
      name = known?.gray ? 'gray-noise-256' : 'rgba-noise-256';
      warnings.push(
        `${where}: the texture ${known ? `"${known.name}"` : `${str(input.src) ?? str(input.filepath) ?? '(unknown)'}`} is not available here; bound ${name} instead`,
      );
    }
    checkSampler(input, where, 'mipmap', 'repeat', warnings);
    return { kind: 'texture', name };
  }
  issues.push({ path, message: `${where}: unknown input type "${kind || '(none)'}"` });
  return undefined;
}

function checkSampler(input: Json, where: string, filter: string, wrap: string, warnings: string[]): void {
  const sampler = isObject(input.sampler) ? input.sampler : {};
  const f = str(sampler.filter);
  const w = str(sampler.wrap);
  if ((f && f !== filter) || (w && w !== wrap)) {
    warnings.push(`${where}: sampler ${f ?? filter}/${w ?? wrap} is not supported; uses ${filter}/${wrap}`);
  }
}
