import { generateBuiltinTexture } from './builtin-textures.ts';
import type { BuiltinTextureName } from './types.ts';

export interface GpuTexture {
  texture: WebGLTexture;
  width: number;
  height: number;
}

/** Built-in textures, generated and uploaded on first use, repeat-wrapped with mipmaps. */
export function createBuiltinTextureCache(gl: WebGL2RenderingContext) {
  const cache = new Map<BuiltinTextureName, GpuTexture>();
  return {
    get(name: BuiltinTextureName): GpuTexture {
      const cached = cache.get(name);
      if (cached) return cached;
      const image = generateBuiltinTexture(name);
      const texture = gl.createTexture();
      gl.bindTexture(gl.TEXTURE_2D, texture);
      gl.pixelStorei(gl.UNPACK_ALIGNMENT, 1);
      gl.texImage2D(
        gl.TEXTURE_2D,
        0,
        gl.RGBA8,
        image.width,
        image.height,
        0,
        gl.RGBA,
        gl.UNSIGNED_BYTE,
        image.data,
      );
      gl.generateMipmap(gl.TEXTURE_2D);
      gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MIN_FILTER, gl.LINEAR_MIPMAP_LINEAR);
      gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MAG_FILTER, gl.LINEAR);
      gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_WRAP_S, gl.REPEAT);
      gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_WRAP_T, gl.REPEAT);
      const entry = { texture, width: image.width, height: image.height };
      cache.set(name, entry);
      return entry;
    },
    dispose(): void {
      for (const entry of cache.values()) gl.deleteTexture(entry.texture);
      cache.clear();
    },
  };
}
