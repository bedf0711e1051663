import { BUILTIN_TEXTURES, type ChannelInput, type PassName } from '@fractafrag/contracts';
import { BUFFER_NAMES, CHANNEL_COUNT, type BufferName, type Channels } from './editor-source.ts';

interface ChannelPickerProps {
  pass: PassName;
  channels: Channels;
  /** Buffers this shader has; only those can be bound. */
  buffers: readonly BufferName[];
  onChange: (channel: number, input: ChannelInput | null) => void;
}

const TEXTURE_LABELS: Record<(typeof BUILTIN_TEXTURES)[number], string> = {
  'rgba-noise-256': 'RGBA noise 256²',
  'gray-noise-256': 'Gray noise 256²',
};

const valueOf = (input: ChannelInput | null | undefined): string =>
  !input ? '' : input.kind === 'buffer' ? `buffer:${input.pass}` : `texture:${input.name}`;

function inputOf(value: string): ChannelInput | null {
  const [kind, name] = value.split(':');
  const buffer = BUFFER_NAMES.find((b) => b === name);
  if (kind === 'buffer' && buffer) return { kind: 'buffer', pass: buffer };
  const texture = BUILTIN_TEXTURES.find((t) => t === name);
  if (kind === 'texture' && texture) return { kind: 'texture', name: texture };
  return null;
}

/** iChannel0..3 of one pass: nothing, one of the shader's buffers, or a built-in texture. */
export function ChannelPicker({ pass, channels, buffers, onChange }: ChannelPickerProps) {
  return (
    <fieldset className="channels" data-testid="channel-picker">
      <legend className="visually-hidden">Inputs of {pass}</legend>
      {Array.from({ length: CHANNEL_COUNT }, (_, channel) => {
        const id = `channel-${pass.replace(' ', '-')}-${channel}`;
        return (
          <label key={channel} className="channel" htmlFor={id}>
            <span className="channel-name">iChannel{channel}</span>
            <select
              id={id}
              value={valueOf(channels[channel])}
              onChange={(event) => onChange(channel, inputOf(event.target.value))}
            >
              <option value="">None</option>
              {buffers.length > 0 && (
                <optgroup label="Buffers">
                  {buffers.map((buffer) => (
                    <option key={buffer} value={`buffer:${buffer}`}>
                      {buffer}
                    </option>
                  ))}
                </optgroup>
              )}
              <optgroup label="Textures">
                {BUILTIN_TEXTURES.map((texture) => (
                  <option key={texture} value={`texture:${texture}`}>
                    {TEXTURE_LABELS[texture]}
                  </option>
                ))}
              </optgroup>
            </select>
          </label>
        );
      })}
    </fieldset>
  );
}
