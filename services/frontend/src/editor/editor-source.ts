import { PASS_NAMES, type ChannelInput, type PassName, type ShaderSource } from '@fractafrag/contracts';

/** The editor's tabs: Common plus the five passes, in Shadertoy's order. */
export type TabName = 'Common' | PassName;
export type BufferName = Exclude<PassName, 'Image'>;
export const BUFFER_NAMES = PASS_NAMES.filter((name): name is BufferName => name !== 'Image');
export const CHANNEL_COUNT = 4;

export type Channels = readonly (ChannelInput | null)[];

export interface EditorPass {
  name: PassName;
  code: string;
  channels: Channels;
}

/** The source being edited; Image is always present, buffers are added and removed as tabs. */
export interface EditorSource {
  common: string;
  passes: EditorPass[];
}

export const DEFAULT_IMAGE_CODE = `void mainImage(out vec4 fragColor, in vec2 fragCoord)
{
    vec2 uv = fragCoord / iResolution.xy;
    vec3 col = 0.5 + 0.5 * cos(iTime + uv.xyx + vec3(0.0, 2.0, 4.0));
    fragColor = vec4(col, 1.0);
}
`;

/** A new buffer reads its own previous frame, the usual start for feedback effects. */
export function defaultBufferCode(name: BufferName): string {
  return `// ${name}: iChannel0 is this buffer's previous frame.
void mainImage(out vec4 fragColor, in vec2 fragCoord)
{
    vec2 uv = fragCoord / iResolution.xy;
    vec4 previous = texture(iChannel0, uv);
    fragColor = mix(previous, vec4(uv, 0.5 + 0.5 * sin(iTime), 1.0), 0.05);
}
`;
}

export function newEditorSource(): EditorSource {
  return { common: '', passes: [{ name: 'Image', code: DEFAULT_IMAGE_CODE, channels: [] }] };
}

const passIndex = (name: PassName) => PASS_NAMES.indexOf(name);

export function fromShaderSource(source: {
  common?: string;
  passes: readonly { name: PassName; code: string; channels?: Channels }[];
}): EditorSource {
  return {
    common: source.common ?? '',
    passes: [...source.passes]
      .sort((a, b) => passIndex(a.name) - passIndex(b.name))
      .map((p) => ({ name: p.name, code: p.code, channels: [...(p.channels ?? [])] })),
  };
}

/** The body the API takes: trailing unbound channels are dropped. */
export function toShaderSource(source: EditorSource): ShaderSource {
  return {
    common: source.common,
    passes: source.passes.map((p) => {
      const channels = [...p.channels];
      while (channels.length > 0 && channels.at(-1) == null) channels.pop();
      return { name: p.name, code: p.code, channels: channels.map((c) => c ?? null) };
    }),
  };
}

export function tabCode(source: EditorSource, tab: TabName): string {
  if (tab === 'Common') return source.common;
  return source.passes.find((p) => p.name === tab)?.code ?? '';
}

export function withTabCode(source: EditorSource, tab: TabName, code: string): EditorSource {
  if (tab === 'Common') return { ...source, common: code };
  return { ...source, passes: source.passes.map((p) => (p.name === tab ? { ...p, code } : p)) };
}

export function withChannel(
  source: EditorSource,
  pass: PassName,
  channel: number,
  input: ChannelInput | null,
): EditorSource {
  return {
    ...source,
    passes: source.passes.map((p) => {
      if (p.name !== pass) return p;
      const channels = Array.from({ length: CHANNEL_COUNT }, (_, i) => p.channels[i] ?? null);
      channels[channel] = input;
      return { ...p, channels };
    }),
  };
}

/** Adds the first missing buffer (wired to read itself), or returns null when all four exist. */
export function withNextBuffer(source: EditorSource): { source: EditorSource; added: BufferName } | null {
  const added = BUFFER_NAMES.find((name) => !source.passes.some((p) => p.name === name));
  if (!added) return null;
  const pass: EditorPass = {
    name: added,
    code: defaultBufferCode(added),
    channels: [{ kind: 'buffer', pass: added }],
  };
  const passes = [...source.passes, pass].sort((a, b) => passIndex(a.name) - passIndex(b.name));
  return { source: { ...source, passes }, added };
}

/** Removes a buffer and unbinds every channel that read it. */
export function withoutBuffer(source: EditorSource, name: BufferName): EditorSource {
  return {
    ...source,
    passes: source.passes
      .filter((p) => p.name !== name)
      .map((p) => ({
        ...p,
        channels: p.channels.map((c) => (c?.kind === 'buffer' && c.pass === name ? null : c)),
      })),
  };
}

export function tabsOf(source: EditorSource): TabName[] {
  return ['Image', 'Common', ...source.passes.map((p) => p.name).filter((n) => n !== 'Image')];
}

/** Stable text of a source, to tell whether the editor differs from what was saved. */
export function sourceKey(source: EditorSource): string {
  return JSON.stringify(toShaderSource(source));
}
