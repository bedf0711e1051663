/**
 * The shader shapes the runtime works on. They mirror @fractafrag/contracts structurally (this
 * package runs in the browser and has no dependencies), so a contracts `ShaderSource` can be
 * passed in as is and a runtime `CompileError` is a contracts `CompileError`.
 */
export const PASS_ORDER = ['Buffer A', 'Buffer B', 'Buffer C', 'Buffer D', 'Image'] as const;
export type PassName = (typeof PASS_ORDER)[number];
export type BufferName = Exclude<PassName, 'Image'>;
export type BuiltinTextureName = 'rgba-noise-256' | 'gray-noise-256';

export type ChannelInput =
  | { kind: 'buffer'; pass: BufferName }
  | { kind: 'texture'; name: BuiltinTextureName };

export interface ShaderPass {
  name: PassName;
  code: string;
  /** iChannel0..3; null (or missing) where nothing is bound. */
  channels?: readonly (ChannelInput | null)[];
}

export interface ShaderSource {
  common?: string;
  passes: readonly ShaderPass[];
}

/** A compile error in the author's own numbering; `pass` is 'Common' for lines of the Common tab. */
export interface CompileError {
  pass: PassName | 'Common';
  line: number | null;
  message: string;
}

export interface CompileResult {
  ok: boolean;
  errors: CompileError[];
}

export function isBufferName(name: PassName): name is BufferName {
  return name !== 'Image';
}
