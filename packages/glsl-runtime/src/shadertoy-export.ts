import { PASS_ORDER, type BufferName, type ChannelInput, type ShaderSource } from './types.ts';
import {
  BUFFER_PREVIEW,
  BUILTIN_TO_SHADERTOY,
  IMAGE_OUTPUT_ID,
  SHADERTOY_BUFFER_IDS,
} from './shadertoy-media.ts';

/** Our source as Shadertoy's API shape (`{"Shader":{…}}`, inputs with `ctype`/`src`). */

export interface ShadertoyExportMeta {
  id: string;
  title: string;
  description: string;
  tags: readonly string[];
  username: string;
  visibility?: 'public' | 'unlisted' | 'private';
  /** Creation time; Shadertoy stores it as unix seconds in a string. */
  createdAt?: Date;
}

export interface ShadertoyApiInput {
  id: string;
  src: string;
  ctype: 'buffer' | 'texture';
  channel: number;
  sampler: { filter: string; wrap: string; vflip: string; srgb: string; internal: string };
  published: 1;
}

export interface ShadertoyApiPass {
  inputs: ShadertoyApiInput[];
  outputs: { id: string; channel: number }[];
  code: string;
  name: string;
  description: string;
  type: 'image' | 'buffer' | 'common';
}

export interface ShadertoyApiJson {
  Shader: {
    ver: string;
    info: {
      id: string;
      date: string;
      viewed: number;
      name: string;
      username: string;
      description: string;
      likes: number;
      published: number;
      flags: number;
      usePreview: number;
      tags: string[];
      hasliked: number;
    };
    renderpass: ShadertoyApiPass[];
  };
}

/** Shadertoy's `published` flag: 0 private, 2 unlisted, 3 public (with API access). */
const PUBLISHED_FLAG = { private: 0, unlisted: 2, public: 3 } as const;

function exportInput(input: ChannelInput, channel: number): ShadertoyApiInput {
  if (input.kind === 'buffer') {
    return {
      id: SHADERTOY_BUFFER_IDS[input.pass],
      src: BUFFER_PREVIEW(input.pass),
      ctype: 'buffer',
      channel,
      sampler: { filter: 'linear', wrap: 'clamp', vflip: 'true', srgb: 'false', internal: 'byte' },
      published: 1,
    };
  }
  const t = BUILTIN_TO_SHADERTOY[input.name];
  return {
    id: t.id,
    src: `/media/a/${t.hash}.${t.ext}`,
    ctype: 'texture',
    channel,
    sampler: { filter: 'mipmap', wrap: 'repeat', vflip: 'true', srgb: 'false', internal: 'byte' },
    published: 1,
  };
}

/** Our source as Shadertoy's API shape: Common first, then Buffers A–D, then Image. */
export function exportShadertoy(meta: ShadertoyExportMeta, source: ShaderSource): ShadertoyApiJson {
  const renderpass: ShadertoyApiPass[] = [];
  if (source.common?.trim()) {
    renderpass.push({
      inputs: [],
      outputs: [],
      code: source.common,
      name: 'Common',
      description: '',
      type: 'common',
    });
  }
  const ordered = [...source.passes].sort((a, b) => PASS_ORDER.indexOf(a.name) - PASS_ORDER.indexOf(b.name));
  for (const pass of ordered) {
    const inputs = (pass.channels ?? []).flatMap((c, channel) => (c ? [exportInput(c, channel)] : []));
    const isImage = pass.name === 'Image';
    renderpass.push({
      inputs,
      outputs: [
        { id: isImage ? IMAGE_OUTPUT_ID : SHADERTOY_BUFFER_IDS[pass.name as BufferName], channel: 0 },
      ],
      code: pass.code,
      name: pass.name,
      description: '',
      type: isImage ? 'image' : 'buffer',
    });
  }
  return {
    Shader: {
      ver: '0.1',
      info: {
        id: meta.id,
        date: String(Math.floor((meta.createdAt ?? new Date()).getTime() / 1000)),
        viewed: 0,
        name: meta.title,
        username: meta.username,
        description: meta.description,
        likes: 0,
        published: PUBLISHED_FLAG[meta.visibility ?? 'public'],
        flags: 0,
        usePreview: 0,
        tags: [...meta.tags],
        hasliked: 0,
      },
      renderpass,
    },
  };
}
