/**
 * Ping-pong render targets for Buffers A–D: a pass writes one texture while others (and itself)
 * read the other, then they swap. Float when the context can render to float, else RGBA8.
 */
export type BufferFormat = 'rgba32f' | 'rgba16f' | 'rgba8';

interface FormatSpec {
  internal: number;
  type: number;
}

function formatSpec(gl: WebGL2RenderingContext, format: BufferFormat): FormatSpec {
  switch (format) {
    case 'rgba32f':
      return { internal: gl.RGBA32F, type: gl.FLOAT };
    case 'rgba16f':
      return { internal: gl.RGBA16F, type: gl.HALF_FLOAT };
    case 'rgba8':
      return { internal: gl.RGBA8, type: gl.UNSIGNED_BYTE };
  }
}

function allocate(
  gl: WebGL2RenderingContext,
  format: BufferFormat,
  width: number,
  height: number,
): WebGLTexture {
  const { internal, type } = formatSpec(gl, format);
  const texture = gl.createTexture();
  gl.bindTexture(gl.TEXTURE_2D, texture);
  gl.texImage2D(gl.TEXTURE_2D, 0, internal, width, height, 0, gl.RGBA, type, null);
  gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MIN_FILTER, gl.LINEAR);
  gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MAG_FILTER, gl.LINEAR);
  gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_WRAP_S, gl.CLAMP_TO_EDGE);
  gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_WRAP_T, gl.CLAMP_TO_EDGE);
  return texture;
}

function renderable(gl: WebGL2RenderingContext, format: BufferFormat): boolean {
  const texture = allocate(gl, format, 1, 1);
  const framebuffer = gl.createFramebuffer();
  gl.bindFramebuffer(gl.FRAMEBUFFER, framebuffer);
  gl.framebufferTexture2D(gl.FRAMEBUFFER, gl.COLOR_ATTACHMENT0, gl.TEXTURE_2D, texture, 0);
  const complete = gl.checkFramebufferStatus(gl.FRAMEBUFFER) === gl.FRAMEBUFFER_COMPLETE;
  gl.bindFramebuffer(gl.FRAMEBUFFER, null);
  gl.deleteFramebuffer(framebuffer);
  gl.deleteTexture(texture);
  return complete;
}

/** The most precise format this context can render to and filter linearly. */
export function pickBufferFormat(gl: WebGL2RenderingContext): BufferFormat {
  if (gl.getExtension('EXT_color_buffer_float')) {
    if (gl.getExtension('OES_texture_float_linear') && renderable(gl, 'rgba32f')) return 'rgba32f';
    if (renderable(gl, 'rgba16f')) return 'rgba16f';
  }
  return 'rgba8';
}

export interface PingPongTarget {
  readonly width: number;
  readonly height: number;
  /** Texture holding the latest completed frame of this buffer. */
  read(): WebGLTexture;
  /** Framebuffer to draw the next frame into. */
  writeFramebuffer(): WebGLFramebuffer;
  swap(): void;
  clear(): void;
  resize(width: number, height: number): void;
  dispose(): void;
}

export function createPingPongTarget(
  gl: WebGL2RenderingContext,
  format: BufferFormat,
  width: number,
  height: number,
): PingPongTarget {
  let size = { width, height };
  let textures: WebGLTexture[] = [];
  let framebuffers: WebGLFramebuffer[] = [];
  let readIndex = 0;

  const release = () => {
    textures.forEach((t) => gl.deleteTexture(t));
    framebuffers.forEach((f) => gl.deleteFramebuffer(f));
  };
  const clear = () => {
    gl.clearColor(0, 0, 0, 0);
    for (const framebuffer of framebuffers) {
      gl.bindFramebuffer(gl.FRAMEBUFFER, framebuffer);
      gl.clear(gl.COLOR_BUFFER_BIT);
    }
    gl.bindFramebuffer(gl.FRAMEBUFFER, null);
  };
  const build = () => {
    textures = [0, 1].map(() => allocate(gl, format, size.width, size.height));
    framebuffers = textures.map((texture) => {
      const framebuffer = gl.createFramebuffer();
      gl.bindFramebuffer(gl.FRAMEBUFFER, framebuffer);
      gl.framebufferTexture2D(gl.FRAMEBUFFER, gl.COLOR_ATTACHMENT0, gl.TEXTURE_2D, texture, 0);
      return framebuffer;
    });
    readIndex = 0;
    clear();
  };
  build();

  return {
    get width() {
      return size.width;
    },
    get height() {
      return size.height;
    },
    read: () => textures[readIndex]!,
    writeFramebuffer: () => framebuffers[1 - readIndex]!,
    swap: () => {
      readIndex = 1 - readIndex;
    },
    clear,
    resize: (w, h) => {
      if (w === size.width && h === size.height) return;
      release();
      size = { width: w, height: h };
      build();
    },
    dispose: release,
  };
}
